import type { PortMapping } from './types';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Binary units, as `docker info` and `free -h` show memory: 1 KiB = 1024 B. */
export function formatBytes(bytes: number | null | undefined, digits = 1): string {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return '—';
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${v} B`;
  // 12.0 GiB reads as noise; drop a trailing ".0".
  const s = v.toFixed(v >= 100 ? 0 : digits).replace(/\.0+$/, '');
  return `${s} ${UNITS[i]}`;
}

const STEPS: [unit: Intl.RelativeTimeFormatUnit, seconds: number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** Accepts a Date, an ISO string, or epoch milliseconds. */
export function toMillis(when: Date | string | number): number {
  if (when instanceof Date) return when.getTime();
  if (typeof when === 'number') return when;
  return Date.parse(when);
}

/** "3 minutes ago", "in 2 hours", "just now"; "—" for missing or unparsable times. */
export function formatRelative(when: Date | string | number | null | undefined, now: number = Date.now()): string {
  if (when == null || when === '') return '—';
  const t = toMillis(when);
  if (!Number.isFinite(t)) return '—';
  const diff = Math.round((t - now) / 1000);
  const abs = Math.abs(diff);
  if (abs < 45) return 'just now';
  for (const [unit, secs] of STEPS) {
    if (abs >= secs) {
      const n = Math.floor(abs / secs);
      const label = `${n} ${unit}${n === 1 ? '' : 's'}`;
      return diff < 0 ? `${label} ago` : `in ${label}`;
    }
  }
  return diff < 0 ? 'less than a minute ago' : 'in less than a minute';
}

/** Engine summaries give created as unix seconds. */
export function fromUnixSeconds(s: number): number {
  return s * 1000;
}

let dateTimeFormat: Intl.DateTimeFormat | undefined;

/** Local date and time for tooltips and detail pages; "—" for missing values. */
export function formatDateTime(when: Date | string | number | null | undefined): string {
  if (when == null || when === '') return '—';
  const t = toMillis(when);
  if (!Number.isFinite(t)) return '—';
  // One formatter for all calls: building an Intl formatter per call is slow in long lists.
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  return dateTimeFormat.format(t);
}

/** "0.0.0.0:8080→80/tcp", "[::]:8080→80/tcp", or just "80/tcp" when the port is not published. */
export function formatPort(p: PortMapping): string {
  const inner = `${p.privatePort}/${p.type}`;
  if (!p.publicPort) return inner;
  const ip = p.ip ? (p.ip.includes(':') ? `[${p.ip}]` : p.ip) : '0.0.0.0';
  return `${ip}:${p.publicPort}→${inner}`;
}

/** Published ports first, then by container port, so the interesting ones lead. */
export function formatPorts(ports: PortMapping[]): string[] {
  return [...ports]
    .sort((a, b) => Number(!a.publicPort) - Number(!b.publicPort) || a.privatePort - b.privatePort || a.type.localeCompare(b.type))
    .map(formatPort);
}

/** First 12 hex digits, the form `docker ps` shows; strips a "sha256:" prefix from image ids. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Entry point and command joined as a shell would show them, quoting words with spaces. */
export function formatCommand(parts: string[]): string {
  return parts.map((p) => (p === '' || /[\s"'\\$`]/.test(p) ? JSON.stringify(p) : p)).join(' ');
}

/**
 * The status column, kept current from when the state began rather than from the Engine's text, which is a
 * snapshot: "up 3 minutes", "exited (137) 2 hours ago", "created".
 */
export function formatStatus(c: { state: string; stateSince: number | null; exitCode: number | null }, now: number = Date.now()): string {
  const since = c.stateSince == null ? null : fromUnixSeconds(c.stateSince);
  const ago = since == null ? '' : ` ${formatRelative(since, now)}`;
  switch (c.state) {
    case 'running':
    case 'paused':
      return since == null ? c.state : `up ${formatRelative(since, now).replace(/ ago$/, '').replace('just now', 'a few seconds')}`;
    case 'exited':
      return `exited${c.exitCode == null ? '' : ` (${c.exitCode})`}${ago}`;
    case 'restarting':
      return `restarting${c.exitCode == null ? '' : ` (last exit ${c.exitCode})`}`;
    default:
      return c.state;
  }
}
