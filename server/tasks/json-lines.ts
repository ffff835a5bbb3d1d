import type { Readable } from 'node:stream';

/**
 * Reads a stream of JSON messages, one per line, as the Engine sends pull, push and build progress; calls `onMessage`
 * for each. A line that is not JSON is passed on as `{ raw }` rather than dropped, so nothing the Engine said is
 * lost. Resolves when the stream ends; rejects when it breaks.
 */
export function readJsonLines<T>(stream: Readable, onMessage: (msg: T | { raw: string }) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const emit = (line: string) => {
      const text = line.trim();
      if (!text) return;
      try {
        onMessage(JSON.parse(text) as T);
      } catch {
        onMessage({ raw: text });
      }
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        emit(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
      }
    });
    stream.on('end', () => {
      emit(buf);
      resolve();
    });
    stream.on('error', reject);
    stream.on('close', () => {
      // A stream closed without 'end' (the daemon went away mid-way) is a failure, not a success.
      if (!stream.readableEnded) reject(new Error('the Engine closed the progress stream before it ended'));
    });
  });
}
