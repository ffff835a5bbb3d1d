import { reply } from '@/lib/api-contract';
import { stackName, StackUpdateSchema } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { forgetStack, updateStack } from '@/server/stacks/service';
import { getStackDetail } from '@/server/stacks/views';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/stacks/{name}', { stack: await getStackDetail(berth, params.id, parse(stackName, params.name)) }),
);

/** Saves an edited file (and .env); nothing on the host changes until deploy. */
export const PUT = route<P>('operate', async ({ req, params, berth }) => {
  const name = parse(stackName, params.name);
  await updateStack(berth, params.id, name, parse(StackUpdateSchema, await readJson(req)));
  return reply('PUT /api/v1/hosts/{id}/stacks/{name}', { stack: await getStackDetail(berth, params.id, name) });
});

/** Forgets the stack in Berth (refused while its containers exist). */
export const DELETE = route<P>('operate', async ({ params, berth }) => {
  await forgetStack(berth, params.id, parse(stackName, params.name));
  return reply('DELETE /api/v1/hosts/{id}/stacks/{name}', { ok: true, message: `Stack ${params.name} removed from Berth` });
});
