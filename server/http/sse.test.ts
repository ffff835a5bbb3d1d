import { describe, expect, it } from 'vitest';
import { sseResponse, textStream } from './sse';

const reqWith = (ctl = new AbortController()) => ({ req: new Request('http://berth.test/', { signal: ctl.signal }), ctl });
const text = (r: Response) => r.text();

describe('sseResponse', () => {
  it('sends each message as an event and unsubscribes once when the subscription closes, even while subscribing', async () => {
    let stops = 0;
    const { req } = reqWith();
    const res = sseResponse<{ n: number }>(req, (send, close) => {
      send({ n: 1 });
      send({ n: 2 });
      close();
      send({ n: 3 });
      return () => void stops++;
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await text(res)).toBe('data: {"n":1}\n\ndata: {"n":2}\n\n');
    expect(stops).toBe(1);
  });

  it('unsubscribes once when the request is aborted and once when the body is cancelled', async () => {
    let stops = 0;
    const { req, ctl } = reqWith();
    const res = sseResponse(req, () => () => void stops++);
    ctl.abort();
    await res.body!.cancel();
    expect(stops).toBe(1);

    let cancelled = 0;
    const other = sseResponse(reqWith().req, () => () => void cancelled++);
    await other.body!.cancel();
    await other.body!.cancel();
    expect(cancelled).toBe(1);
  });
});

describe('textStream', () => {
  it('counts bytes against highWaterBytes, answers the room left, and asks the producer for more when read', async () => {
    const rooms: (number | null)[] = [];
    let pulls = 0;
    let out!: { write(t: string): number | null; close(): void };
    const body = textStream(
      reqWith().req,
      (o) => {
        out = o;
        return { stop: () => undefined, pull: () => void pulls++ };
      },
      { highWaterBytes: 10 },
    );
    rooms.push(out.write('12345'), out.write('123456'));
    expect(rooms).toEqual([5, -1]);
    const reader = body.getReader();
    const before = pulls;
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('12345');
    expect(pulls).toBeGreaterThan(before);
    out.close();
    expect(out.write('late')).toBeNull();
  });
});
