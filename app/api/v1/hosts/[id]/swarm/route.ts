import { reply } from '@/lib/api-contract';
import { route } from '@/server/http/handler';
import { swarmEnvironment } from '@/server/swarm/environment';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** The host's place in a swarm; for a manager the cluster, quorum and the IPVS check. No join tokens here (see ./tokens). */
export const GET = route<P>('read', async ({ params, berth }) => reply('GET /api/v1/hosts/{id}/swarm', { swarm: await swarmEnvironment(berth, params.id) }));
