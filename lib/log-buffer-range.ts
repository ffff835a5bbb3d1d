/**
 * Range math for a list of fixed-height rows (the log viewer's unwrapped mode): which rows to render for a scroll
 * position, and where the scroll position goes when the list follows its end or loses rows at its front. All O(1):
 * nothing here looks at the rows themselves, so the cost of a frame does not grow with the number of lines.
 */

export interface RowGeometry {
  /** rows in the list */
  count: number;
  /** px per row */
  rowHeight: number;
  /** px of the scroller that show rows (its clientHeight) */
  viewport: number;
  /** px between the scroller's top and the first row, and after the last row (the scroller's vertical padding) */
  pad?: number;
}

/** Height of the rows together, padding not included. */
export const rowsHeight = (g: Pick<RowGeometry, 'count' | 'rowHeight'>): number => Math.max(0, g.count) * g.rowHeight;

/** The scrollTop that shows the last row at the bottom of the viewport (0 when everything fits). */
export function bottomTop(g: RowGeometry): number {
  const pad = g.pad ?? 0;
  return Math.max(0, rowsHeight(g) + 2 * pad - g.viewport);
}

/**
 * Where a view scrolled to `top` goes to keep showing the same lines after `dropped` rows left the front of the
 * list (and never past the end).
 */
export function keepPlace(g: RowGeometry, top: number, dropped: number): number {
  return Math.min(bottomTop(g), Math.max(0, top - Math.max(0, dropped) * g.rowHeight));
}

/**
 * The rows [start, end) to render at scroll position `top`: those that intersect the viewport, plus `overscan`
 * rows on each side so that a fast scroll shows rows rather than blank space before the next render.
 */
export function rowWindow(g: RowGeometry, top: number, overscan = 0): { start: number; end: number } {
  if (g.count <= 0 || g.rowHeight <= 0) return { start: 0, end: 0 };
  const y = top - (g.pad ?? 0);
  const first = Math.max(0, Math.floor(y / g.rowHeight));
  const last = Math.ceil((y + Math.max(0, g.viewport)) / g.rowHeight);
  const clamp = (i: number) => Math.min(g.count, Math.max(0, i));
  return { start: clamp(first - overscan), end: clamp(Math.max(last, first + 1) + overscan) };
}
