import { reply } from '@/lib/api-contract';
import { route } from '@/server/http/handler';
import { getSwarmNodes } from '@/server/swarm/nodes';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = route<P>('read', async ({ params, berth }) => reply('GET /api/v1/hosts/{id}/swarm/nodes', { nodes: await getSwarmNodes(berth, params.id) }));
