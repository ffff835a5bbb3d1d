import { reply } from '@/lib/api-contract';
import { route } from '@/server/http/handler';
import { getServices } from '@/server/swarm/services';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** The swarm's services with running/desired counts (one /services and one /tasks call). POST (create) lives beside it. */
export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/services', { services: await getServices(berth, params.id) }),
);
