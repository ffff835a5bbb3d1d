import { reply } from '@/lib/api-contract';
import { StackValidateSchema } from '@/lib/schemas/stacks';
import { BerthError } from '@/server/errors';
import { parse, readJson, route } from '@/server/http/handler';
import { TokenBuckets } from '@/server/http/token-bucket';
import { folderFiles } from '@/server/stacks/folder-files';
import { getStackRecord } from '@/server/stacks/repo';
import { validateCompose } from '@/server/stacks/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** The editor calls this as the user types (debounced): 10 a second per user, in bursts of up to 20, is plenty. */
const perUser = new TokenBuckets(10, 20);

/**
 * Checks a compose file + .env without saving: { ok, issues (with line and column), services }. With `stack`, env_file
 * sees that stack's uploaded folder, so the editor shows what a deploy would say. Open to viewers, so it is
 * rate-limited per user, and large files are checked off the event loop (server/compose/validate-pool.ts). Not audited:
 * it changes nothing, and the editor calls it on every pause in typing.
 */
export const POST = route<P>(
  'read',
  async ({ req, params, berth, principal }) => {
    const wait = perUser.take(principal.userId);
    if (wait > 0) {
      throw new BerthError('rate_limited', `Too many compose checks; the editor checks again in a moment (limit: 10 a second)`, {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
    const input = parse(StackValidateSchema, await readJson(req));
    const folder = input.stack ? await folderFiles(berth, (await getStackRecord(berth.db, berth.box, params.id, input.stack)).id) : undefined;
    return reply('POST /api/v1/hosts/{id}/stacks/validate', await validateCompose(berth, input.compose, input.env, folder));
  },
  { audit: false },
);
