import { reply } from '@/lib/api-contract';
import { DetachSchema, SwarmObjectRef } from '@/lib/schemas/swarm-secrets';
import { parse, readJson, route } from '@/server/http/handler';
import { detachObject } from '@/server/swarm/swarm-objects';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const sid = parse(SwarmObjectRef, params.sid);
  const input = parse(DetachSchema, await readJson(req));
  return reply('POST /api/v1/hosts/{id}/swarm/configs/{sid}/detach', await detachObject(berth, params.id, 'config', sid, input));
});
