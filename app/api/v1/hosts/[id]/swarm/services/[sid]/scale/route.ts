import { reply } from '@/lib/api-contract';
import { ServiceRef, ServiceScaleSchema } from '@/lib/schemas/service-actions';
import { parse, readJson, route } from '@/server/http/handler';
import { scaleService } from '@/server/swarm/service-actions';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

/** Scaling is the operator's, as scaling a stack's service is. */
export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const sid = parse(ServiceRef, params.sid);
  const { replicas } = parse(ServiceScaleSchema, await readJson(req));
  return reply('POST /api/v1/hosts/{id}/swarm/services/{sid}/scale', await scaleService(berth, params.id, sid, replicas));
});
