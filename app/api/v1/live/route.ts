import type { LiveMessage } from '@/lib/types';
import { canRead } from '@/server/auth/policy';
import { route } from '@/server/http/handler';
import { sseResponse } from '@/server/http/sse';

export const dynamic = 'force-dynamic';

/**
 * Server-sent events: a snapshot first, then every change as it happens. One stream per browser tab; reverse
 * proxies pass SSE as a plain long response, which is why it is used here rather than a WebSocket.
 */
export const GET = route('read', async ({ req, berth, principal }) => {
  // Only hosts this principal may read: roles are per host, and so is what the stream shows.
  const visible = (hostId: string) => canRead(principal, hostId);
  const allowed = (m: LiveMessage) => (m.type === 'host' ? visible(m.host.id) : m.type === 'snapshot' || visible(m.hostId));
  return sseResponse<LiveMessage>(req, (send) => {
    send({
      type: 'snapshot',
      containers: berth.fleet.allContainers().filter((c) => visible(c.hostId)),
      hosts: berth.fleet.hosts().filter((h) => visible(h.id)),
    });
    return berth.fleet.hub.subscribe((m) => allowed(m) && send(m));
  });
});
