import { route } from '@/server/http/handler';
import { visibleTasks } from '@/server/tasks/visibility';

export const dynamic = 'force-dynamic';

export const GET = route('read', async ({ berth, principal }) => ({ tasks: visibleTasks(berth.tasks, principal) }));
