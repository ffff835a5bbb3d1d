const KEEPALIVE_MS = 15_000;

/**
 * A server-sent events response fed by a subscription. `subscribe` gets `send` and `close` and returns its
 * unsubscribe, which runs exactly once: when the browser goes away (request aborted or body cancelled) or when the
 * subscription closes the stream itself.
 */
export function sseResponse<M>(req: Request, subscribe: (send: (m: M) => void, close: () => void) => () => void): Response {
  const enc = new TextEncoder();
  let done = false;
  let unsubscribe: () => void = () => {};
  let keepalive: NodeJS.Timeout | undefined;
  const finish = () => {
    if (done) return false;
    done = true;
    clearInterval(keepalive);
    unsubscribe();
    return true;
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        if (!finish()) return;
        try {
          controller.close();
        } catch {
          // the client already went away
        }
      };
      const send = (m: M) => {
        if (!done) controller.enqueue(enc.encode(`data: ${JSON.stringify(m)}\n\n`));
      };
      unsubscribe = subscribe(send, close);
      if (done) unsubscribe();
      keepalive = setInterval(() => !done && controller.enqueue(enc.encode(': keepalive\n\n')), KEEPALIVE_MS);
      req.signal.addEventListener('abort', close);
      if (req.signal.aborted) close();
    },
    cancel() {
      finish();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no', connection: 'keep-alive' },
  });
}
