import { reply } from '@/lib/api-contract';
import { SwarmObjectRef } from '@/lib/schemas/swarm-secrets';
import { parse, route } from '@/server/http/handler';
import { getObject, removeObject } from '@/server/swarm/swarm-objects';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/secrets/{sid}', { secret: await getObject(berth, params.id, 'secret', parse(SwarmObjectRef, params.sid)) }),
);

/** Refused while a service uses it, naming the services. */
export const DELETE = route<P>('operate', async ({ params, berth }) =>
  reply('DELETE /api/v1/hosts/{id}/swarm/secrets/{sid}', await removeObject(berth, params.id, 'secret', parse(SwarmObjectRef, params.sid))),
);
