import type { TaskMessage } from '@/lib/types';
import { route } from '@/server/http/handler';
import { canSee, visibleTasks } from '@/server/tasks/visibility';

export const dynamic = 'force-dynamic';

const KEEPALIVE_MS = 15_000;

/** Server-sent events of the task panel: the tasks this user may see, then every change to one of them. */
export const GET = route('read', async ({ req, berth, principal }) => {
  const enc = new TextEncoder();
  let unsubscribe = () => {};
  let keepalive: NodeJS.Timeout | undefined;
  const stop = () => {
    unsubscribe();
    clearInterval(keepalive);
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (msg: TaskMessage) => controller.enqueue(enc.encode(`data: ${JSON.stringify(msg)}\n\n`));
      send({ type: 'snapshot', tasks: visibleTasks(berth.tasks, principal) });
      unsubscribe = berth.tasks.subscribe((msg) => {
        if (msg.type === 'task' && !canSee(principal, msg.task)) return;
        send(msg);
      });
      keepalive = setInterval(() => controller.enqueue(enc.encode(': keepalive\n\n')), KEEPALIVE_MS);
      req.signal.addEventListener('abort', () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      });
    },
    cancel: stop,
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no', connection: 'keep-alive' },
  });
});
