import type { LiveMessage } from '@/lib/types';
import { canRead } from '@/server/auth/policy';
import { route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events: a snapshot first, then every change as it happens. One stream per browser tab; reverse
 * proxies pass SSE as a plain long response, which is why it is used here rather than a WebSocket.
 */
export const GET = route('read', async ({ req, berth, principal }) => {
  // Only hosts this principal may read: roles are per host, and so is what the stream shows.
  const visible = (hostId: string) => canRead(principal, hostId);
  const allowed = (m: LiveMessage) => (m.type === 'host' ? visible(m.host.id) : m.type === 'snapshot' || visible(m.hostId));
  const enc = new TextEncoder();
  let unsubscribe = () => {};
  let keepalive: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (msg: LiveMessage) => controller.enqueue(enc.encode(`data: ${JSON.stringify(msg)}\n\n`));
      send({
        type: 'snapshot',
        containers: berth.fleet.allContainers().filter((c) => visible(c.hostId)),
        hosts: berth.fleet.hosts().filter((h) => visible(h.id)),
      });
      unsubscribe = berth.fleet.hub.subscribe((m) => allowed(m) && send(m));
      keepalive = setInterval(() => controller.enqueue(enc.encode(': keepalive\n\n')), KEEPALIVE_MS);
      req.signal.addEventListener('abort', () => {
        unsubscribe();
        clearInterval(keepalive);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      });
    },
    cancel() {
      unsubscribe();
      clearInterval(keepalive);
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    },
  });
});
