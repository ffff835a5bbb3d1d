import { reply } from '@/lib/api-contract';
import { swarmStackName } from '@/lib/schemas/swarm-stacks';
import { parse, route } from '@/server/http/handler';
import { removeSwarmStack } from '@/server/swarm/stack-deploy';
import { getSwarmStack } from '@/server/swarm/stack-list';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** A stack's services with their task counts, its networks, secrets and configs, and the file if Berth deployed it. */
export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/stacks/{name}', { stack: await getSwarmStack(berth, params.id, parse(swarmStackName, params.name)) }),
);

/** Removes everything the stack's label marks, as `docker stack rm` (also a stack the CLI deployed). */
export const DELETE = route<P>('operate', async ({ params, berth }) =>
  reply('DELETE /api/v1/hosts/{id}/swarm/stacks/{name}', await removeSwarmStack(berth, params.id, parse(swarmStackName, params.name))),
);
