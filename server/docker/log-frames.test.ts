import { describe, expect, it } from 'vitest';
import type { LogLine, LogStream } from '@/lib/types';
import { Demuxer, ENGINE_SPLIT, logDecoder, MAX_LINE_BYTES, RawSplitter, timestampLength } from './log-frames';

const TS = '2026-11-22T20:00:00.123456789Z';
const TS2 = '2026-11-22T20:00:01.000000001Z';

function frame(stream: LogStream, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const head = Buffer.alloc(8);
  head[0] = stream === 'stdout' ? 1 : 2;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

/** The json-file driver's messages for one line: 16 KiB parts without a newline, each with its own timestamp. */
function engineMessages(line: string, ts: string[]): string[] {
  const parts: string[] = [];
  for (let i = 0; i < line.length || i === 0; i += ENGINE_SPLIT) parts.push(line.slice(i, i + ENGINE_SPLIT));
  return parts.map((p, i) => `${ts[i % ts.length]} ${p}${i === parts.length - 1 ? '\n' : ''}`);
}

/** Feeds `bytes` in chunks cut at the given sizes (cycled), and collects the lines. */
function decode(tty: boolean, bytes: Buffer, cuts: number[] = [bytes.length]): LogLine[] {
  const out: LogLine[] = [];
  const d = logDecoder(tty, (l) => out.push(l));
  let i = 0;
  for (let k = 0; i < bytes.length; k++) {
    const n = Math.max(1, cuts[k % cuts.length]);
    d.push(bytes.subarray(i, i + n));
    i += n;
  }
  d.end();
  return out;
}

describe('timestampLength', () => {
  it('reads the Engine timestamp and its space, or says it cannot tell yet', () => {
    expect(timestampLength(Buffer.from(`${TS} hello`))).toBe(TS.length + 1);
    expect(timestampLength(Buffer.from('2026-11-22T20:00:00+01:00 x'))).toBe(26);
    expect(timestampLength(Buffer.from('2026-11-22T20:00:00.5Z x'))).toBe(23);
    expect(timestampLength(Buffer.from(TS.slice(0, 12)))).toBe(0);
    expect(timestampLength(Buffer.from(TS))).toBe(0);
    expect(timestampLength(Buffer.from('hello world, not a time'))).toBe(-1);
    expect(timestampLength(Buffer.from(`${TS}x`))).toBe(-1);
    expect(timestampLength(Buffer.from(`ab${TS} `), 2)).toBe(TS.length + 1);
  });
});

describe('Demuxer', () => {
  const stream = Buffer.concat([frame('stdout', 'out 1\n'), frame('stderr', 'err 1\n'), frame('stdout', Buffer.alloc(40_000, 'x'))]);
  const frames = (cuts: number[]) => {
    const d = new Demuxer();
    const got: [LogStream, number, string][] = [];
    for (let i = 0, k = 0; i < stream.length; k++) {
      const n = cuts[k % cuts.length];
      d.push(stream.subarray(i, i + n), (s, p) => got.push([s, p.length, p.subarray(0, 6).toString()]));
      i += n;
    }
    return got;
  };
  const want = [
    ['stdout', 6, 'out 1\n'],
    ['stderr', 6, 'err 1\n'],
    ['stdout', 40_000, 'xxxxxx'],
  ];

  it('finds every frame whatever the chunk boundaries, headers split included', () => {
    expect(frames([stream.length])).toEqual(want);
    expect(frames([1])).toEqual(want);
    expect(frames([3, 7, 5])).toEqual(want);
    expect(frames([4096])).toEqual(want);
    expect(frames([13, 9000])).toEqual(want);
  });

  it('passes a stream that is not multiplexed on as raw stdout instead of waiting forever', () => {
    const d = new Demuxer();
    const got: string[] = [];
    d.push(Buffer.from('plain text, no header\n'), (_s, p) => got.push(p.toString()));
    d.push(Buffer.from('more\n'), (_s, p) => got.push(p.toString()));
    expect(got.join('')).toBe('plain text, no header\nmore\n');
  });
});

describe('log lines from a non-TTY container (multiplexed)', () => {
  it('tells stdout from stderr and keeps each line’s timestamp', () => {
    const bytes = Buffer.concat([frame('stdout', `${TS} hello\n`), frame('stderr', `${TS2} oops\n`)]);
    expect(decode(false, bytes)).toEqual([
      { stream: 'stdout', ts: TS, line: 'hello' },
      { stream: 'stderr', ts: TS2, line: 'oops' },
    ]);
  });

  it('joins a line the Engine split at 16 KiB, across any chunk boundaries, without the inner timestamps', () => {
    const long = 'a'.repeat(ENGINE_SPLIT) + 'b'.repeat(ENGINE_SPLIT) + 'c'.repeat(100);
    const bytes = Buffer.concat([...engineMessages(long, [TS, TS2]).map((m) => frame('stdout', m)), frame('stdout', `${TS2} after\n`)]);
    for (const cuts of [[bytes.length], [1000], [7, 16_391, 3]]) {
      const lines = decode(false, bytes, cuts);
      expect(lines.map((l) => l.line.length)).toEqual([long.length, 5]);
      expect(lines[0]).toMatchObject({ stream: 'stdout', ts: TS });
      expect(lines[0].line === long).toBe(true);
    }
  });

  it('does not mix a split stdout line with a stderr line written in between', () => {
    const bytes = Buffer.concat([frame('stdout', `${TS} part one `), frame('stderr', `${TS} err\n`), frame('stdout', `${TS2} part two\n`)]);
    expect(decode(false, bytes)).toEqual([
      { stream: 'stderr', ts: TS, line: 'err' },
      { stream: 'stdout', ts: TS, line: 'part one part two' },
    ]);
  });

  it('brings a 1 MiB line whole, and a last line without a newline', () => {
    const big = 'z'.repeat(1024 * 1024);
    const bytes = Buffer.concat([...engineMessages(big, [TS]).map((m) => frame('stdout', m)), frame('stdout', `${TS} no newline`)]);
    const lines = decode(false, bytes, [65_536]);
    expect(lines.map((l) => l.line.length)).toEqual([big.length, 10]);
  });

  it('shows binary output with replacement characters, never failing', () => {
    const bin = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3, 0x0a]);
    const lines = decode(false, frame('stdout', Buffer.concat([Buffer.from(`${TS} `), bin])));
    expect(lines).toEqual([{ stream: 'stdout', ts: TS, line: '\uFFFD\uFFFD\u0000A\uFFFD' }]);
  });

  it('cuts a line that never ends at MAX_LINE_BYTES', () => {
    const chunk = frame('stdout', `${TS} ${'q'.repeat(ENGINE_SPLIT)}`);
    const n = Math.ceil(MAX_LINE_BYTES / ENGINE_SPLIT) + 1;
    const lines = decode(false, Buffer.concat(Array.from({ length: n }, () => chunk)));
    expect(lines[0].line.length).toBe(MAX_LINE_BYTES);
    expect(lines.reduce((s, l) => s + l.line.length, 0)).toBe(n * ENGINE_SPLIT);
  });
});

describe('log lines from a TTY container (raw)', () => {
  it('splits messages by their timestamps and drops the TTY’s \\r', () => {
    const bytes = Buffer.from(`${TS} one\r\n${TS2} \x1b[31mred\x1b[0m\r\n`);
    for (const cuts of [[bytes.length], [1], [5, 30]]) {
      expect(decode(true, bytes, cuts)).toEqual([
        { stream: 'stdout', ts: TS, line: 'one' },
        { stream: 'stdout', ts: TS2, line: '\x1b[31mred\x1b[0m' },
      ]);
    }
  });

  it('joins a 16 KiB split line, and leaves a timestamp-like text inside a line alone', () => {
    const long = 'x'.repeat(ENGINE_SPLIT * 2 + 5);
    const bytes = Buffer.from(engineMessages(long, [TS, TS2]).join('') + `${TS2} logged at ${TS} ok\r\n`);
    for (const cuts of [[bytes.length], [4096], [1, 16_383, 31]]) {
      const lines = decode(true, bytes, cuts);
      expect(lines.map((l) => l.line.length)).toEqual([long.length, `logged at ${TS} ok`.length]);
      expect(lines[1].line).toBe(`logged at ${TS} ok`);
    }
  });

  it('keeps a line of exactly 16 KiB whose \\r\\n the Engine stored as the next message', () => {
    const line = 'y'.repeat(ENGINE_SPLIT);
    const lines = decode(true, Buffer.from(`${TS} ${line}${TS2} \r\n${TS2} next\r\n`));
    expect(lines.map((l) => l.line)).toEqual([line, 'next']);
  });

  it('hands a message over only once it is complete', () => {
    const s = new RawSplitter();
    const got: string[] = [];
    s.push(Buffer.from(`${TS} hal`), (m) => got.push(m.toString()));
    expect(got).toEqual([]);
    s.push(Buffer.from('f\r\n'), (m) => got.push(m.toString()));
    expect(got).toEqual([`${TS} half\r\n`]);
  });
});
