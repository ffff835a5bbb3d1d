import { reply } from '@/lib/api-contract';
import { NodeRef, NodeUpdateSchema } from '@/lib/schemas/swarm';
import { parse, readJson, route } from '@/server/http/handler';
import { getSwarmNode, removeSwarmNode, updateSwarmNode } from '@/server/swarm/nodes';

export const dynamic = 'force-dynamic';
type P = { id: string; nid: string };

export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/nodes/{nid}', { node: await getSwarmNode(berth, params.id, parse(NodeRef, params.nid)) }),
);

/*
 * Node changes are admin-only, not operate: a node is shared by every workload of the swarm, whoever deployed it.
 * Draining or pausing one moves or starves everyone's tasks, promoting or demoting changes who can control the whole
 * cluster (and its quorum), and labels steer placement constraints. An operator's rights are about their own
 * containers and stacks; these reach past them.
 */
export const PATCH = route<P>('admin', async ({ req, params, berth }) => {
  const nid = parse(NodeRef, params.nid);
  const input = parse(NodeUpdateSchema, await readJson(req));
  return reply('PATCH /api/v1/hosts/{id}/swarm/nodes/{nid}', { ok: true, ...(await updateSwarmNode(berth, params.id, nid, input)) });
});

export const DELETE = route<P>('admin', async ({ params, berth }) =>
  reply('DELETE /api/v1/hosts/{id}/swarm/nodes/{nid}', await removeSwarmNode(berth, params.id, parse(NodeRef, params.nid))),
);
