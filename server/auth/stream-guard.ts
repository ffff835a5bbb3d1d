import { identify, type Rule, requireRule } from './policy';

/** How often an open stream re-checks that its caller may still have it. */
export const STREAM_RECHECK_MS = 5000;

/**
 * Authorization is checked when a stream opens, but live streams (server-sent events, the terminal) stay open for
 * hours: a session revoked meanwhile (sign-out, user disabled, removed from the GitHub team) must also end them, or
 * revocation would only hide the door. Calls `onLost` once with the reason when the caller loses access.
 */
export function guardStream(req: Request, rule: Rule, hostId: string | undefined, onLost: (reason: string) => void, everyMs = STREAM_RECHECK_MS): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    identify(req)
      .then((p) => requireRule(p, rule, hostId))
      .catch((e: Error) => {
        if (stopped) return;
        stop();
        onLost(e.message);
      });
  }, everyMs);
  timer.unref();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}

/** Wraps a server-sent events response so that it ends, with a last `access-lost` event, when access is lost. */
export function guardEventStream(req: Request, rule: Rule, hostId: string | undefined, res: Response): Response {
  if (!res.body || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) return res;
  const reader = res.body.getReader();
  const enc = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = guardStream(req, rule, hostId, (reason) => {
        try {
          controller.enqueue(enc.encode(`event: access-lost\ndata: ${JSON.stringify({ type: 'access-lost', reason })}\n\n`));
          controller.close();
        } catch {
          // the client is already gone
        }
        void reader.cancel('access lost').catch(() => {});
      });
    },
    async pull(controller) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) {
        stop();
        try {
          controller.close();
        } catch {
          // closed when access was lost
        }
      } else controller.enqueue(value);
    },
    cancel(reason) {
      stop();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, headers: res.headers });
}
