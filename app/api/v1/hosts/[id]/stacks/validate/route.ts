import { StackValidateSchema } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { folderFiles } from '@/server/stacks/folder-files';
import { getStackRecord } from '@/server/stacks/repo';
import { validateCompose } from '@/server/stacks/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

/**
 * Checks a compose file + .env without saving: { ok, issues (with line and column), services }. With `stack`, env_file
 * sees that stack's uploaded folder, so the editor shows what a deploy would say.
 */
export const POST = route<P>('read', async ({ req, params, berth }) => {
  const input = parse(StackValidateSchema, await readJson(req));
  const folder = input.stack ? await folderFiles(berth, (await getStackRecord(berth.db, berth.box, params.id, input.stack)).id) : undefined;
  return validateCompose(input.compose, input.env, folder);
});
