import { reply } from '@/lib/api-contract';
import { StackCreateSchema } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { createStack } from '@/server/stacks/service';
import { listStacks } from '@/server/stacks/views';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** Berth's stacks on the host and the compose projects found there by label (source: "external"). */
export const GET = route<P>('read', async ({ params, berth }) => reply('GET /api/v1/hosts/{id}/stacks', { stacks: await listStacks(berth, params.id) }));

export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(StackCreateSchema, await readJson(req));
  const { stack, operation } = await createStack(berth, principal, params.id, input);
  return Response.json(reply('POST /api/v1/hosts/{id}/stacks', { stack: { name: stack.name, hostId: stack.hostId }, operation }), { status: 201 });
});
