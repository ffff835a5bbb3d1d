import { StackValidateSchema } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { validateCompose } from '@/server/stacks/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** Checks a compose file + .env without saving: { ok, issues (with line and column), services }. */
export const POST = route<P>('read', async ({ req }) => {
  const input = parse(StackValidateSchema, await readJson(req));
  return validateCompose(input.compose, input.env);
});
