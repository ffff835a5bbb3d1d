import { describe, expect, it } from 'vitest';
import { cleanLine, findMatches, LogBuffer, textOf } from './log-buffer';
import type { LogLine } from './types';

const lines = (from: number, n: number, stream: LogLine['stream'] = 'stdout'): LogLine[] =>
  Array.from({ length: n }, (_, i) => ({ stream, line: `line ${from + i}${(from + i) % 10 === 0 ? ' ERROR' : ''}` }));
const texts = (b: LogBuffer) => Array.from({ length: b.viewLength }, (_, i) => textOf(b.at(i)!));

describe('LogBuffer', () => {
  it('keeps the newest lines up to its capacity and counts the dropped ones', () => {
    const b = new LogBuffer(5);
    b.push(lines(1, 3));
    b.push(lines(4, 4));
    expect(b.length).toBe(5);
    expect(b.dropped).toBe(2);
    expect(texts(b)).toEqual(['line 3', 'line 4', 'line 5', 'line 6', 'line 7']);
    expect(b.at(0)!.seq).toBe(2);
    expect(b.bySeq(1)).toBeUndefined();
    expect(textOf(b.bySeq(6)!)).toBe('line 7');
  });

  it('filters to matching lines, case-insensitively, and keeps the filter current as lines come and go', () => {
    const b = new LogBuffer(25);
    b.push(lines(1, 20));
    b.setQuery('error');
    expect(b.matchCount).toBe(2);
    expect(b.viewLength).toBe(20);
    b.setFiltering(true);
    expect(texts(b)).toEqual(['line 10 ERROR', 'line 20 ERROR']);
    b.push(lines(21, 10));
    expect(texts(b)).toEqual(['line 10 ERROR', 'line 20 ERROR', 'line 30 ERROR']);
    b.push(lines(31, 5));
    expect(texts(b)).toEqual(['line 20 ERROR', 'line 30 ERROR']);
    b.setFiltering(false);
    expect(b.viewLength).toBe(25);
  });

  it('counts the lines dropped from the front of the view, in the view it is showing', () => {
    const b = new LogBuffer(25);
    b.push(lines(1, 20));
    const epoch = b.viewEpoch;
    b.push(lines(21, 10));
    expect(b.viewDropped).toBe(5);
    expect(b.viewEpoch).toBe(epoch);
    b.setQuery('error');
    expect(b.viewEpoch).toBe(epoch);
    b.setFiltering(true);
    expect(b.viewEpoch).toBe(epoch + 1);
    expect(b.viewDropped).toBe(0);
    // Lines 6–30 are kept, matches 10, 20 and 30; ten more lines drop line 10, the first match, and add 40.
    b.push(lines(31, 10));
    expect(b.viewDropped).toBe(1);
    expect(texts(b)).toEqual(['line 20 ERROR', 'line 30 ERROR', 'line 40 ERROR']);
    b.clear();
    expect(b.viewEpoch).toBe(epoch + 2);
  });

  it('searches the text without escape codes, and treats the query as text', () => {
    const b = new LogBuffer();
    b.push([
      { stream: 'stderr', line: '\x1b[31mfail\x1b[0med (x+1)' },
      { stream: 'stdout', line: 'ok' },
    ]);
    b.setQuery('failed (x+1');
    b.setFiltering(true);
    expect(texts(b)).toEqual(['failed (x+1)']);
    expect(b.at(0)!.stream).toBe('stderr');
  });

  it('stays quick with 200,000 lines', () => {
    const b = new LogBuffer(200_000);
    const t0 = performance.now();
    for (let i = 0; i < 250; i++) b.push(lines(i * 1000, 1000));
    b.setQuery('error');
    expect(b.length).toBe(200_000);
    expect(b.matchCount).toBe(20_000);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('line helpers', () => {
  it('shows control characters as replacement characters and lets \\r start the line over', () => {
    expect(cleanLine('a\x00b\x07c\td')).toBe('a\uFFFDb\uFFFDc\td');
    expect(cleanLine('10%\r50%\r100%')).toBe('100%');
    expect(cleanLine('done\r')).toBe('done');
    expect(cleanLine('\x1b[31mred')).toBe('\x1b[31mred');
  });

  it('finds every match, case-insensitively', () => {
    expect(findMatches('Error, error, ERR', 'error')).toEqual([
      [0, 5],
      [7, 12],
    ]);
    expect(findMatches('a.b', '.')).toEqual([[1, 2]]);
    expect(findMatches('abc', '')).toEqual([]);
  });
});
