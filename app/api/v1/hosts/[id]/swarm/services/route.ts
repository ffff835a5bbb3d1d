import { reply } from '@/lib/api-contract';
import { ServiceCreateSchema } from '@/lib/schemas/swarm-service';
import { parse, readJson, route } from '@/server/http/handler';
import { createService } from '@/server/swarm/service-create';
import { getServices } from '@/server/swarm/services';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** The swarm's services with running/desired counts (one /services and one /tasks call). POST (create) lives beside it. */
export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/services', { services: await getServices(berth, params.id) }),
);

/**
 * Create: the same rule as launching a container on the manager (operate), and the same container policy for
 * non-admins, judged on the tasks' settings before anything is made (server/swarm/service-policy.ts).
 */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(ServiceCreateSchema, await readJson(req));
  return Response.json(reply('POST /api/v1/hosts/{id}/swarm/services', await createService(berth, principal, params.id, input)), { status: 201 });
});
