/** A comment line every 15 s keeps proxies and browsers from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};

/** One server-sent event carrying `m` as JSON. */
export const sseEvent = (m: unknown) => `data: ${JSON.stringify(m)}\n\n`;

export interface TextOut {
  /** Queues text. Answers the room left in the queue (≤ 0: the reader is behind by that much), or null once closed. */
  write(text: string): number | null;
  /** Ends the response; the producer's stop runs (once), and nothing more is written. */
  close(): void;
}

export interface TextProducer {
  /** Lets go of whatever feeds the stream; runs exactly once, whoever ends it (the producer, the client, an abort). */
  stop(): void;
  /** The reader has room again (after write answered ≤ 0). */
  pull?(): void;
}

export interface TextStreamOptions {
  /** send SSE keepalive comments */
  keepalive?: boolean;
  /** bytes that may wait for a slow reader; without it, the queue counts chunks (one) */
  highWaterBytes?: number;
}

/**
 * A streamed text body tied to its request: `open` starts the producer with a way to write and to close, and its stop
 * runs exactly once: when the producer closes, when the client goes away (request aborted or body cancelled), or at
 * once if either happened while `open` ran.
 */
export function textStream(req: Request, open: (out: TextOut) => TextProducer, opts: TextStreamOptions = {}): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let done = false;
  let producer: TextProducer | undefined;
  let keepalive: NodeJS.Timeout | undefined;
  const finish = () => {
    if (done) return false;
    done = true;
    clearInterval(keepalive);
    producer?.stop();
    return true;
  };
  const strategy = opts.highWaterBytes ? { highWaterMark: opts.highWaterBytes, size: (chunk: Uint8Array) => chunk.byteLength } : undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const out: TextOut = {
          write(text) {
            if (done) return null;
            controller.enqueue(enc.encode(text));
            return controller.desiredSize ?? 1;
          },
          close() {
            if (!finish()) return;
            try {
              controller.close();
            } catch {
              // the client already went away
            }
          },
        };
        producer = open(out);
        // closed while it opened, before its stop was known
        if (done) return producer.stop();
        if (opts.keepalive) keepalive = setInterval(() => out.write(': keepalive\n\n'), KEEPALIVE_MS);
        req.signal.addEventListener('abort', out.close);
        if (req.signal.aborted) out.close();
      },
      pull() {
        producer?.pull?.();
      },
      cancel() {
        finish();
      },
    },
    strategy,
  );
}

/**
 * A server-sent events response fed by a subscription. `subscribe` gets `send` and `close` and returns its
 * unsubscribe, which runs exactly once: when the browser goes away (request aborted or body cancelled) or when the
 * subscription closes the stream itself.
 */
export function sseResponse<M>(req: Request, subscribe: (send: (m: M) => void, close: () => void) => () => void): Response {
  const body = textStream(req, (out) => ({ stop: subscribe((m) => void out.write(sseEvent(m)), out.close) }), { keepalive: true });
  return new Response(body, { headers: SSE_HEADERS });
}
