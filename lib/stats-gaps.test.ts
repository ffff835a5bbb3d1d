import { describe, expect, it } from 'vitest';
import { type Columns, timeLabel, withGaps } from './stats-gaps';

describe('withGaps', () => {
  it('leaves evenly spaced samples alone', () => {
    const cols: Columns = [
      [0, 3, 6, 9],
      [1, 2, 3, 4],
    ];
    expect(withGaps(cols, 3000)).toBe(cols);
  });

  it('tolerates a late sample up to 2.5 intervals', () => {
    const cols: Columns = [
      [0, 3, 10.5],
      [1, 2, 3],
    ];
    expect(withGaps(cols, 3000)).toBe(cols);
  });

  it('puts a null row one interval after the last point before each gap, in every series', () => {
    const got = withGaps(
      [
        [0, 1, 60, 61, 200],
        [5, 6, 7, 8, 9],
        [1, null, 3, 4, 5],
      ],
      1000,
    );
    expect(got).toEqual([
      [0, 1, 2, 60, 61, 62, 200],
      [5, 6, null, 7, 8, null, 9],
      [1, null, null, 3, 4, null, 5],
    ]);
  });

  it('handles no and one sample', () => {
    expect(withGaps([[]], 1000)).toEqual([[]]);
    expect(withGaps([[5], [1]], 1000)).toEqual([[5], [1]]);
  });
});

describe('timeLabel', () => {
  const t = new Date(2026, 0, 2, 9, 5, 7).getTime() / 1000;
  it('HH:MM for ticks a minute or more apart, with seconds below', () => {
    expect(timeLabel(t, 600)).toBe('09:05');
    expect(timeLabel(t, 60)).toBe('09:05');
    expect(timeLabel(t, 15)).toBe('09:05:07');
  });
});
