import { reply } from '@/lib/api-contract';
import { ServiceRef, ServiceTasksQuerySchema } from '@/lib/schemas/service-actions';
import { parse, queryOf, route } from '@/server/http/handler';
import { getServiceTasks } from '@/server/swarm/tasks';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

export const GET = route<P>('read', async ({ req, params, berth }) => {
  const { all } = parse(ServiceTasksQuerySchema, queryOf(req));
  return reply('GET /api/v1/hosts/{id}/swarm/services/{sid}/tasks', { tasks: await getServiceTasks(berth, params.id, parse(ServiceRef, params.sid), all) });
});
