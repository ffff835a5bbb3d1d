/** Chart columns as uPlot takes them: x in unix seconds, then one column per series. */
export type Columns = [number[], ...(number | null)[][]];

/** Samples further apart than this many sampling intervals were not taken (nobody watched, host or container down). */
export const GAP_FACTOR = 2.5;

/**
 * Inserts a row of nulls wherever two neighbouring x values lie more than GAP_FACTOR × `intervalMs` apart, so uPlot
 * (with spanGaps: false) breaks the line there instead of drawing a straight line across time nobody measured. The
 * null row sits one interval after the last point before the gap. Pure: returns new columns, or the input itself
 * when there is no gap.
 */
export function withGaps(cols: Columns, intervalMs: number): Columns {
  const [x, ...ys] = cols;
  const limit = (intervalMs * GAP_FACTOR) / 1000;
  const gaps: number[] = [];
  for (let i = 1; i < x.length; i++) if (x[i] - x[i - 1] > limit) gaps.push(i);
  if (gaps.length === 0) return cols;
  const ox: number[] = [];
  const oys: (number | null)[][] = ys.map(() => []);
  let g = 0;
  for (let i = 0; i < x.length; i++) {
    if (gaps[g] === i) {
      g++;
      ox.push(x[i - 1] + intervalMs / 1000);
      for (const c of oys) c.push(null);
    }
    ox.push(x[i]);
    ys.forEach((c, k) => oys[k].push(c[i] ?? null));
  }
  return [ox, ...oys];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A time axis label in the browser's local time: HH:MM, with seconds only when ticks are less than a minute apart
 * (a short visible range), where HH:MM alone would repeat the same label.
 */
export function timeLabel(unixSec: number, tickIncrSec: number): string {
  const d = new Date(unixSec * 1000);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return tickIncrSec < 60 ? `${hm}:${pad(d.getSeconds())}` : hm;
}
