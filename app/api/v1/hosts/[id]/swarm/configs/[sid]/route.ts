import { reply } from '@/lib/api-contract';
import { SwarmObjectRef } from '@/lib/schemas/swarm-secrets';
import { parse, route } from '@/server/http/handler';
import { getConfigDetail, removeObject } from '@/server/swarm/swarm-objects';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

/** With its value: configs are not secret. */
export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/configs/{sid}', { config: await getConfigDetail(berth, params.id, parse(SwarmObjectRef, params.sid)) }),
);

/** Refused while a service uses it, naming the services. */
export const DELETE = route<P>('operate', async ({ params, berth }) =>
  reply('DELETE /api/v1/hosts/{id}/swarm/configs/{sid}', await removeObject(berth, params.id, 'config', parse(SwarmObjectRef, params.sid))),
);
