import { stripAnsi } from './ansi';
import type { LogLine, LogStream } from './types';

/** One line as the viewer keeps it. */
export interface LogEntry {
  /** position in the whole stream, never reused: a stable React/virtualizer key */
  seq: number;
  stream: LogStream;
  ts?: string;
  /** the line, with escape codes, cleaned for display */
  line: string;
  /** the line without escape codes, once a search needed it (see textOf) */
  plain?: string;
}

/**
 * The line without escape codes: what search looks at. Worked out on the first search rather than on arrival, so
 * that coloured logs take twice the memory only once someone searches them.
 */
export function textOf(e: LogEntry): string {
  if (!e.line.includes('\x1b')) return e.line;
  return (e.plain ??= stripAnsi(e.line));
}

export const DEFAULT_CAPACITY = 200_000;

// Control characters other than tab and ESC would render as nothing or as boxes depending on the font; show them
// as the replacement character, as invalid UTF-8 already is.
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/g;

/** What a terminal would show: a carriage return (progress bars) starts the line over. */
export function cleanLine(line: string): string {
  let s = line;
  const cr = s.lastIndexOf('\r');
  if (cr >= 0) s = cr === s.length - 1 ? s.slice(0, cr) : s.slice(cr + 1);
  return s.replace(CONTROL, '\uFFFD');
}

/** A case-insensitive literal search, as a RegExp (the user types text, not a pattern). */
export function searchRegExp(query: string, flags = 'i'): RegExp | null {
  if (!query) return null;
  return new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
}

/** The [start, end) ranges where `query` occurs in `text`, case-insensitively. */
export function findMatches(text: string, query: string, limit = 1000): [number, number][] {
  const re = searchRegExp(query, 'gi');
  if (!re) return [];
  const out: [number, number][] = [];
  for (let m = re.exec(text); m && out.length < limit; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/**
 * The viewer's lines: a ring buffer holding the newest `capacity` lines (older ones are dropped and counted), with
 * an optional search filter kept up to date as lines arrive, so that "only matching lines" never rescans the whole
 * buffer on append. Mutable on purpose: the React view reads it by `version`.
 */
export class LogBuffer {
  private ring: (LogEntry | undefined)[] = [];
  private head = 0;
  private size = 0;
  private nextSeq = 0;
  /** lines dropped from the front because the buffer was full */
  dropped = 0;
  /** bumped on every change */
  version = 0;
  /** "only matching lines": the view holds the search's matches only */
  filtering = false;
  /**
   * Bumped when the view becomes another list (a search while filtering, the filter toggled, a clear), so that
   * `viewDropped` is compared only within one view.
   */
  viewEpoch = 0;
  private re: RegExp | null = null;
  private matches: number[] = [];
  private matchHead = 0;
  /** matches dropped from the front since the search was set */
  private matchesDropped = 0;

  constructor(readonly capacity = DEFAULT_CAPACITY) {}

  get length(): number {
    return this.size;
  }

  /** lines in the current view: matching lines while filtering, else all */
  get viewLength(): number {
    return this.re && this.filtering ? this.matches.length - this.matchHead : this.size;
  }

  /** lines dropped from the front of the current view so far (within one `viewEpoch`) */
  get viewDropped(): number {
    return this.re && this.filtering ? this.matchesDropped : this.dropped;
  }

  get matchCount(): number {
    return this.re ? this.matches.length - this.matchHead : 0;
  }

  push(lines: LogLine[]): void {
    for (const l of lines) {
      const e: LogEntry = { seq: this.nextSeq++, stream: l.stream, line: cleanLine(l.line) };
      if (l.ts) e.ts = l.ts;
      if (this.size === this.capacity) {
        this.ring[this.head] = e;
        this.head = (this.head + 1) % this.capacity;
        this.dropped++;
      } else {
        this.ring[(this.head + this.size) % this.capacity] = e;
        this.size++;
      }
      if (this.re?.test(textOf(e))) this.matches.push(e.seq);
    }
    this.trimMatches();
    this.version++;
  }

  /** The i-th line of the current view (0 = oldest). */
  at(i: number): LogEntry | undefined {
    if (this.re && this.filtering) {
      const seq = this.matches[this.matchHead + i];
      return seq === undefined ? undefined : this.bySeq(seq);
    }
    return i >= 0 && i < this.size ? this.ring[(this.head + i) % this.capacity] : undefined;
  }

  bySeq(seq: number): LogEntry | undefined {
    const first = this.nextSeq - this.size;
    return seq >= first && seq < this.nextSeq ? this.at0(seq - first) : undefined;
  }

  private at0(i: number) {
    return this.ring[(this.head + i) % this.capacity];
  }

  /** Sets the search; the match list is rebuilt once here and then kept current by push(). */
  setQuery(query: string): void {
    this.re = searchRegExp(query);
    this.matches = [];
    this.matchHead = 0;
    this.matchesDropped = 0;
    if (this.filtering) this.viewEpoch++;
    const re = this.re;
    if (re) {
      for (let i = 0; i < this.size; i++) {
        const e = this.at0(i)!;
        if (re.test(textOf(e))) this.matches.push(e.seq);
      }
    }
    this.version++;
  }

  setFiltering(on: boolean): void {
    if (on !== this.filtering) this.viewEpoch++;
    this.filtering = on;
    this.version++;
  }

  clear(): void {
    this.ring = [];
    this.head = 0;
    this.size = 0;
    this.dropped = 0;
    this.matches = [];
    this.matchHead = 0;
    this.matchesDropped = 0;
    this.viewEpoch++;
    this.version++;
  }

  private trimMatches() {
    const first = this.nextSeq - this.size;
    while (this.matchHead < this.matches.length && this.matches[this.matchHead] < first) {
      this.matchHead++;
      this.matchesDropped++;
    }
    if (this.matchHead > 4096 && this.matchHead > this.matches.length / 2) {
      this.matches = this.matches.slice(this.matchHead);
      this.matchHead = 0;
    }
  }
}
