import { ContainerRef } from '@/lib/schemas/containers';
import type { StatsMessage } from '@/lib/stats-types';
import { parse, route } from '@/server/http/handler';
import { sseResponse } from '@/server/http/sse';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

/**
 * Server-sent events of one container's figures: the kept history (up to an hour), then a sample a second while it
 * runs. Every viewer shares one Engine stream; the stream closes after "container removed", and leaving the page
 * unsubscribes.
 */
export const GET = route<P>('read', async ({ req, params, berth }) => {
  const cid = parse(ContainerRef, params.cid);
  const stats = berth.stats;
  // Subscribed before the response exists so that an unknown container is a 404, not an empty stream; the first
  // messages wait in `early` until the response's stream starts.
  let out: ((m: StatsMessage) => void) | null = null;
  let closeOut: (() => void) | null = null;
  const early: StatsMessage[] = [];
  let removed = false;
  const unsubscribe = await stats.subscribe(params.id, cid, (m) => {
    // Nothing more can come for a container that is gone: the stream ends after saying so (or after its history).
    if ((m.type === 'end' || m.type === 'history') && (m.reason === 'container removed' || m.reason === 'host removed')) removed = true;
    if (out) out(m);
    else early.push(m);
    if (removed) closeOut?.();
  });
  return sseResponse<StatsMessage>(req, (send, close) => {
    out = send;
    closeOut = close;
    for (const m of early.splice(0)) send(m);
    if (removed) queueMicrotask(close);
    return unsubscribe;
  });
});
