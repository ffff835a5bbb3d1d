import { reply } from '@/lib/api-contract';
import { AttachSchema, SwarmObjectRef } from '@/lib/schemas/swarm-secrets';
import { parse, readJson, route } from '@/server/http/handler';
import { attachObject } from '@/server/swarm/swarm-objects';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

/** A service update adding the secret as a file (default /run/secrets/<name>): operate, as other service changes. */
export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const sid = parse(SwarmObjectRef, params.sid);
  const input = parse(AttachSchema, await readJson(req));
  return reply('POST /api/v1/hosts/{id}/swarm/secrets/{sid}/attach', await attachObject(berth, params.id, 'secret', sid, input));
});
