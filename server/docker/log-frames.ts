import type { LogLine, LogStream } from '@/lib/types';

/**
 * The Engine's log stream, bytes to whole lines (pure; see logs.ts for the Engine call).
 *
 * Berth always asks the Engine for timestamps, even when the caller does not want them shown: a timestamp starts
 * every log message, which is how a line the json-file driver split at 16 KiB is recognised and joined again.
 * Non-TTY containers answer with multiplexed frames (8-byte header: stream, 0, 0, 0, size as uint32 BE; one frame per
 * message); TTY containers answer raw, so there messages are found by their timestamps.
 */

/** The json-file (and local) driver's message size: longer lines arrive as several messages without a newline. */
export const ENGINE_SPLIT = 16 * 1024;
/** A line longer than this is cut, so that output without any newline cannot grow memory without bound. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

const EMPTY: Buffer = Buffer.alloc(0);
const NL = 0x0a;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
// "2006-01-02T15:04:05" (d = digit), then an optional fraction, then "Z" or "+07:00", then one space.
const TS_HEAD = 'dddd-dd-ddTdd:dd:dd';

/**
 * The length of the RFC 3339 timestamp and its trailing space at `at`, -1 when the bytes there are not one, 0 when
 * the buffer ends before that can be told.
 */
export function timestampLength(buf: Buffer, at = 0): number {
  let i = at;
  const need = () => i >= buf.length;
  for (const c of TS_HEAD) {
    if (need()) return 0;
    const b = buf[i++];
    if (c === 'd' ? !isDigit(b) : b !== c.charCodeAt(0)) return -1;
  }
  if (need()) return 0;
  if (buf[i] === 0x2e) {
    i++;
    const start = i;
    while (i < buf.length && isDigit(buf[i]) && i - start < 9) i++;
    if (need()) return 0;
    if (i === start) return -1;
  }
  if (buf[i] === 0x5a /* Z */) i++;
  else if (buf[i] === 0x2b || buf[i] === 0x2d) {
    for (const c of '+dd:dd') {
      if (need()) return 0;
      const b = buf[i++];
      if (c === 'd' ? !isDigit(b) : c === ':' ? b !== 0x3a : b !== 0x2b && b !== 0x2d) return -1;
    }
  } else return -1;
  if (need()) return 0;
  return buf[i] === 0x20 ? i + 1 - at : -1;
}

/** Splits the Engine's multiplexed stream into frames, whatever the chunk boundaries. */
export class Demuxer {
  private chunks: Buffer[] = [];
  private total = 0;
  /** set when a header is not a valid frame header: the rest is passed on as raw stdout */
  private raw = false;

  push(chunk: Buffer, out: (stream: LogStream, payload: Buffer) => void): void {
    if (this.raw) return out('stdout', chunk);
    this.chunks.push(chunk);
    this.total += chunk.length;
    while (this.total >= 8) {
      let head = this.chunks[0].length >= 8 ? this.chunks[0] : this.flatten();
      if (head[0] > 3 || head[1] !== 0 || head[2] !== 0 || head[3] !== 0) {
        this.raw = true;
        const rest = this.flatten();
        this.chunks = [];
        this.total = 0;
        return out('stdout', rest);
      }
      const need = 8 + head.readUInt32BE(4);
      if (this.total < need) return;
      if (head.length < need) head = this.flatten();
      out(head[0] === 2 || head[0] === 3 ? 'stderr' : 'stdout', head.subarray(8, need));
      if (head.length === need) this.chunks.shift();
      else this.chunks[0] = head.subarray(need);
      this.total -= need;
    }
  }

  private flatten(): Buffer {
    const b = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.total);
    this.chunks = [b];
    return b;
  }
}

/**
 * Splits a TTY's raw, timestamped stream into messages. A message ends at a newline; a message of exactly
 * `split` bytes after its timestamp that is directly followed by another timestamp is a split part of a longer line.
 */
export class RawSplitter {
  private buf: Buffer = EMPTY;
  constructor(private readonly split = ENGINE_SPLIT) {}

  push(chunk: Buffer, out: (msg: Buffer) => void): void {
    const buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let pos = 0;
    while (pos < buf.length) {
      const t = timestampLength(buf, pos);
      if (t === 0) break;
      const body = pos + Math.max(t, 0);
      const limit = body + this.split;
      const nl = buf.indexOf(NL, body);
      if (nl >= 0 && nl < limit) {
        out(buf.subarray(pos, nl + 1));
        pos = nl + 1;
        continue;
      }
      if (buf.length < limit) break;
      const next = timestampLength(buf, limit);
      if (next === 0) break;
      if (next > 0) {
        out(buf.subarray(pos, limit));
        pos = limit;
      } else if (nl >= 0) {
        out(buf.subarray(pos, nl + 1));
        pos = nl + 1;
      } else if (buf.length - pos > MAX_LINE_BYTES) {
        out(buf.subarray(pos));
        pos = buf.length;
      } else break;
    }
    // Copied, so that a small remainder does not keep a large chunk alive.
    this.buf = pos === 0 ? buf : Buffer.from(buf.subarray(pos));
  }

  end(out: (msg: Buffer) => void): void {
    if (this.buf.length) out(this.buf);
    this.buf = EMPTY;
  }
}

interface Pending {
  ts?: string;
  parts: Buffer[];
  size: number;
}

/**
 * Turns messages (each starting with the Engine's timestamp) into whole lines, per stream: a message without a
 * trailing newline continues in the next message of the same stream, whose timestamp is dropped.
 */
export class LineAssembler {
  private pending: Partial<Record<LogStream, Pending>> = {};

  push(stream: LogStream, msg: Buffer, out: (l: LogLine) => void): void {
    const t = timestampLength(msg);
    const ts = t > 0 ? msg.toString('latin1', 0, t - 1) : undefined;
    let start = t > 0 ? t : 0;
    for (;;) {
      const nl = msg.indexOf(NL, start);
      if (nl < 0) break;
      this.emit(stream, ts, msg.subarray(start, nl), out);
      start = nl + 1;
    }
    if (start >= msg.length) return;
    const p = (this.pending[stream] ??= { ts, parts: [], size: 0 });
    p.parts.push(msg.subarray(start));
    p.size += msg.length - start;
    if (p.size >= MAX_LINE_BYTES) this.emit(stream, ts, EMPTY, out);
  }

  /** At the end of the stream: a last line without a newline is still a line. */
  end(out: (l: LogLine) => void): void {
    for (const stream of ['stdout', 'stderr'] as const) if (this.pending[stream]) this.emit(stream, undefined, EMPTY, out);
  }

  private emit(stream: LogStream, ts: string | undefined, tail: Buffer, out: (l: LogLine) => void) {
    const p = this.pending[stream];
    let bytes = tail;
    if (p) {
      bytes = p.parts.length === 1 && !tail.length ? p.parts[0] : Buffer.concat([...p.parts, tail]);
      ts = p.ts ?? ts;
      delete this.pending[stream];
    }
    let end = bytes.length;
    if (end && bytes[end - 1] === 0x0d) end--; // a TTY ends lines with \r\n
    // Invalid UTF-8 (binary output) becomes U+FFFD here; newline bytes never occur inside a UTF-8 sequence.
    const line = bytes.toString('utf8', 0, end);
    out(ts ? { stream, ts, line } : { stream, line });
  }
}

/** The whole pipeline for one Engine answer: bytes in, lines out. */
export function logDecoder(tty: boolean, out: (l: LogLine) => void) {
  const lines = new LineAssembler();
  if (tty) {
    const split = new RawSplitter();
    const msg = (m: Buffer) => lines.push('stdout', m, out);
    return { push: (c: Buffer) => split.push(c, msg), end: () => (split.end(msg), lines.end(out)) };
  }
  const demux = new Demuxer();
  const frame = (s: LogStream, m: Buffer) => lines.push(s, m, out);
  return { push: (c: Buffer) => demux.push(c, frame), end: () => lines.end(out) };
}
