import { describe, expect, it } from 'vitest';
import { bottomTop, keepPlace, rowsHeight, rowWindow } from './log-buffer-range';

const g = { count: 200_000, rowHeight: 18, viewport: 720, pad: 4 };

describe('fixed-height row range', () => {
  it('measures the list as rows × row height, whatever the number of rows', () => {
    expect(rowsHeight(g)).toBe(3_600_000);
    expect(rowsHeight({ count: 0, rowHeight: 18 })).toBe(0);
  });

  it('renders the rows on screen plus the overscan, and no row outside the list', () => {
    expect(rowWindow(g, 0)).toEqual({ start: 0, end: 40 });
    expect(rowWindow(g, 0, 10)).toEqual({ start: 0, end: 50 });
    // Scrolled to row 1,000 (its top at 4 + 18,000 px): rows 1,000 to 1,039 show, row 1,040 not yet.
    expect(rowWindow(g, 18_004, 5)).toEqual({ start: 995, end: 1045 });
    // Half a row further: row 1,040 is partly on screen.
    expect(rowWindow(g, 18_013, 0)).toEqual({ start: 1000, end: 1041 });
    expect(rowWindow(g, bottomTop(g), 30)).toEqual({ start: 199_930, end: 200_000 });
  });

  it('renders nothing for an empty list, and at least one row before the viewport is measured', () => {
    expect(rowWindow({ ...g, count: 0 }, 0, 30)).toEqual({ start: 0, end: 0 });
    expect(rowWindow({ ...g, viewport: 0 }, 0)).toEqual({ start: 0, end: 1 });
    expect(rowWindow({ ...g, count: 3 }, 0, 30)).toEqual({ start: 0, end: 3 });
  });

  it('scrolls to the end of the rows and the padding, or stays at 0 when everything fits', () => {
    expect(bottomTop(g)).toBe(3_600_000 + 8 - 720);
    expect(bottomTop({ ...g, count: 10 })).toBe(0);
  });

  it('keeps the same lines on screen when rows drop off the front, within the list', () => {
    expect(keepPlace(g, 18_004, 1000)).toBe(4);
    expect(keepPlace(g, 18_004, 5000)).toBe(0);
    expect(keepPlace(g, 18_004, 0)).toBe(18_004);
    expect(keepPlace({ ...g, count: 10 }, 500, 0)).toBe(0);
  });
});
