import { reply } from '@/lib/api-contract';
import { ServiceRef } from '@/lib/schemas/service-actions';
import { ServiceUpdateSchema } from '@/lib/schemas/swarm-service';
import { parse, readJson, route } from '@/server/http/handler';
import { serviceFormValue, updateService } from '@/server/swarm/service-create';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

/** The service as the edit form shows it (the form's fields only, with its version and last update state). */
export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/services/{sid}/update', { service: await serviceFormValue(berth, params.id, parse(ServiceRef, params.sid)) }),
);

/**
 * A rolling update from the form: the same rule as creating (operate), the same container policy on the spec that
 * results (what the form does not show is kept, and judged with it).
 */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const sid = parse(ServiceRef, params.sid);
  const input = parse(ServiceUpdateSchema, await readJson(req));
  return reply('POST /api/v1/hosts/{id}/swarm/services/{sid}/update', await updateService(berth, principal, params.id, sid, input));
});
