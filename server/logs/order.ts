/**
 * Ordering of the Engine's log timestamps (pure). The Engine writes them as RFC 3339 in UTC with nine fraction
 * digits, but other daemons trim trailing zeros or give an offset; a key of fixed width compares as a string.
 */

const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/** A string that sorts as the instant `ts` does, nanoseconds included; undefined when `ts` is not a timestamp. */
export function tsKey(ts: string): string | undefined {
  const m = TS.exec(ts);
  if (!m) return undefined;
  const frac = (m[2] ?? '').padEnd(9, '0');
  if (m[3] === 'Z') return `${m[1]}.${frac}`;
  // An offset: move to UTC through the whole seconds, keep the fraction as it was.
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return `${new Date(ms).toISOString().slice(0, 19)}.${frac}`;
}

/** The key of unix seconds (as LogsQuery carries `since`). */
export function unixKey(s: number): string {
  const sec = Math.floor(s);
  const ns = Math.round((s - sec) * 1e9);
  return `${new Date(sec * 1000).toISOString().slice(0, 19)}.${String(Math.min(ns, 999_999_999)).padStart(9, '0')}`;
}
