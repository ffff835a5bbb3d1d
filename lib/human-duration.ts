/**
 * Reads the Engine's human durations ("Up 3 minutes", "Exited (0) About an hour ago") back into seconds. The list
 * endpoint gives no start or finish time, only this text, which goes stale once cached; turning it into a point in
 * time lets the browser keep "3 minutes" current without asking the Engine again.
 */
const UNIT: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86_400, week: 604_800, month: 2_592_000, year: 31_536_000 };

export function parseHumanDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t.startsWith('less than a second')) return 0;
  if (t.startsWith('about a minute')) return 60;
  if (t.startsWith('about an hour')) return 3600;
  const m = /^(\d+|an?)\s+(second|minute|hour|day|week|month|year)s?/.exec(t);
  if (!m) return null;
  const n = m[1] === 'a' || m[1] === 'an' ? 1 : Number(m[1]);
  return n * UNIT[m[2]];
}

/** When the current state began (unix seconds, approximate) and the exit code, from a list status text. */
export function readStatus(status: string, nowSec: number): { since: number | null; exitCode: number | null } {
  const up = /^Up (.+?)(?: \((?:healthy|unhealthy|health: starting|Paused)\))*$/.exec(status);
  if (up) {
    const d = parseHumanDuration(up[1]);
    return { since: d === null ? null : nowSec - d, exitCode: null };
  }
  const exited = /^Exited \((-?\d+)\) (.+) ago$/.exec(status);
  if (exited) {
    const d = parseHumanDuration(exited[2]);
    return { since: d === null ? null : nowSec - d, exitCode: Number(exited[1]) };
  }
  const restarting = /^Restarting \((-?\d+)\)/.exec(status);
  if (restarting) return { since: null, exitCode: Number(restarting[1]) };
  return { since: null, exitCode: null };
}
