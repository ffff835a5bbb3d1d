import { reply } from '@/lib/api-contract';
import { ServiceRef } from '@/lib/schemas/service-actions';
import { parse, route } from '@/server/http/handler';
import { removeService } from '@/server/swarm/service-actions';
import { getService } from '@/server/swarm/services';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/services/{sid}', { service: await getService(berth, params.id, parse(ServiceRef, params.sid)) }),
);

/** Removing a service is the operator's, as removing a container or a stack is on that host. */
export const DELETE = route<P>('operate', async ({ params, berth }) =>
  reply('DELETE /api/v1/hosts/{id}/swarm/services/{sid}', await removeService(berth, params.id, parse(ServiceRef, params.sid))),
);
