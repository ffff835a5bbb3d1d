import { reply } from '@/lib/api-contract';
import { route } from '@/server/http/handler';
import { visibleTasks } from '@/server/tasks/visibility';

export const dynamic = 'force-dynamic';

export const GET = route('read', async ({ berth, principal }) => reply('GET /api/v1/tasks', { tasks: visibleTasks(berth.tasks, principal) }));
