/**
 * Reads server-sent events from a fetch body. Used instead of EventSource, which would reconnect by itself after
 * the server ended the stream on purpose ("container removed").
 */
export async function readSse<M>(res: Response, onMessage: (m: M) => void): Promise<void> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let sep: number;
    while ((sep = buf.indexOf('\n\n')) >= 0) {
      const data = buf
        .slice(0, sep)
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(l[5] === ' ' ? 6 : 5))
        .join('\n');
      buf = buf.slice(sep + 2);
      if (data) onMessage(JSON.parse(data) as M);
    }
  }
}

/** The error message of a JSON error answer, or its status. */
export async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}
