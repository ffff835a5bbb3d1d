import { describe, expect, it } from 'vitest';
import type { LogLine } from '@/lib/types';
import { Join } from './join';

const at = (n: number) => `2026-11-22T10:00:${String(n).padStart(2, '0')}.000000000Z`;
const line = (n: number): LogLine => ({ stream: 'stdout', ts: at(n), line: `line ${n}` });
const lines = (...ns: number[]) => ns.map(line);

function viewer(o: { since?: number; showBacklog?: boolean } = {}) {
  const got: string[] = [];
  const ends: string[] = [];
  let done = 0;
  const join = new Join({ lines: (b) => got.push(...b.map((l) => l.line)), end: (r) => ends.push(r) }, { showBacklog: true, ...o }, () => done++);
  return { join, got, ends, done: () => done };
}

describe('a viewer joining a shared live stream', () => {
  it('gets its backlog, then the live lines newer than it, without duplicates', () => {
    const v = viewer();
    // The shared stream starts with a tail that overlaps the backlog, and lines keep coming while the backlog is read.
    v.join.live.lines(lines(3, 4, 5));
    v.join.backlog.lines(lines(1, 2, 3, 4));
    v.join.live.lines(lines(6));
    expect(v.got).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    v.join.backlog.end('end of log');
    expect(v.got).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
    v.join.live.lines(lines(7));
    expect(v.got.at(-1)).toBe('line 7');
  });

  it('with tail 0 shows no backlog but still starts after it', () => {
    const v = viewer({ showBacklog: false });
    v.join.live.lines(lines(1, 2));
    v.join.backlog.lines(lines(2));
    v.join.backlog.end('end of log');
    v.join.live.lines(lines(3));
    expect(v.got).toEqual(['line 3']);
  });

  it('an empty log: every live line is new; "since" still holds', () => {
    const v = viewer({ since: Date.parse(at(2)) / 1000 });
    v.join.live.lines(lines(1, 2));
    v.join.backlog.end('end of log');
    v.join.live.lines(lines(3));
    expect(v.got).toEqual(['line 2', 'line 3']);
  });

  it('an end that comes while the backlog is read waits for the backlog', () => {
    const v = viewer();
    v.join.live.lines(lines(2));
    v.join.live.end('container removed');
    expect(v.ends).toEqual([]);
    v.join.backlog.lines(lines(1));
    v.join.backlog.end('end of log');
    expect(v.got).toEqual(['line 1', 'line 2']);
    expect(v.ends).toEqual(['container removed']);
    expect(v.done()).toBe(1);
    v.join.live.lines(lines(3));
    expect(v.got).toEqual(['line 1', 'line 2']);
  });

  it('a failed backlog read ends the viewer with its error', () => {
    const v = viewer();
    v.join.backlog.end('Could not read the log: no such container', true);
    v.join.live.end('container removed');
    expect(v.ends).toEqual(['Could not read the log: no such container']);
  });
});
