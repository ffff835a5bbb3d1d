import { reply } from '@/lib/api-contract';
import { SwarmStackDeploySchema } from '@/lib/schemas/swarm-stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { deploySwarmStack } from '@/server/swarm/stack-deploy';
import { listSwarmStacks } from '@/server/swarm/stack-list';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** The swarm's stacks, found by the namespace label: Berth's and those the docker CLI deployed. */
export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/stacks', { stacks: await listSwarmStacks(berth, params.id) }),
);

/**
 * Deploys a compose file as a Swarm stack (creates it, or updates it and removes services no longer in the file, as
 * `docker stack deploy --prune`). The same rule as a compose stack deploy; a non-admin's services must pass the
 * service policy. The .env and private files are redacted from the audit entry by their names.
 */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(SwarmStackDeploySchema, await readJson(req));
  return reply('POST /api/v1/hosts/{id}/swarm/stacks', { ok: true, ...(await deploySwarmStack(berth, principal, params.id, input)) });
});
