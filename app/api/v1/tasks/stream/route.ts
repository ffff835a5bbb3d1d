import type { TaskMessage } from '@/lib/types';
import { route } from '@/server/http/handler';
import { sseResponse } from '@/server/http/sse';
import { canSee, visibleTasks } from '@/server/tasks/visibility';

export const dynamic = 'force-dynamic';

/** Server-sent events of the task panel: the tasks this user may see, then every change to one of them. */
export const GET = route('read', async ({ req, berth, principal }) =>
  sseResponse<TaskMessage>(req, (send) => {
    send({ type: 'snapshot', tasks: visibleTasks(berth.tasks, principal) });
    return berth.tasks.subscribe((msg) => {
      if (msg.type === 'task' && !canSee(principal, msg.task)) return;
      send(msg);
    });
  }),
);
