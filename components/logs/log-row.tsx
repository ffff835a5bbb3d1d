'use client';

import { memo, type Ref } from 'react';
import { cn } from '@/components/ui/cn';
import { markRanges, parseAnsi, type Segment, styleToCss } from '@/lib/ansi';
import { findMatches, type LogEntry, textOf } from '@/lib/log-buffer';

/** Lines longer than this are shortened on screen (the search and the download still have all of it). */
const SHOWN_CHARS = 10_000;
const DEFAULTS = { fg: '#e4e4e7', bg: '#09090b' };

export const ROW_HEIGHT = 18;

function segmentsOf(line: string, text: string, query: string): { segs: Segment[]; cut: boolean } {
  const cut = text.length > SHOWN_CHARS;
  let segs = parseAnsi(cut ? line.slice(0, SHOWN_CHARS) : line);
  if (query) segs = markRanges(segs, findMatches(cut ? text.slice(0, SHOWN_CHARS) : text, query));
  return { segs, cut };
}

/** "2026-11-22T20:33:47.123456789Z" → "2026-11-22 20:33:47.123" (UTC, as the Engine wrote it). */
const shortTs = (ts: string) => ts.slice(0, 23).replace('T', ' ');

interface Props {
  e: LogEntry;
  query: string;
  showTs: boolean;
  wrap: boolean;
  /** for measured rows: the row's index and its offset in px, placed absolutely (fixed rows are in flow) */
  index?: number;
  start?: number;
  measure?: Ref<HTMLDivElement>;
}

/** One line: React text only (never HTML), so escape codes and markup in a log cannot do anything but show. */
export const LogRow = memo(function LogRow({ e, query, showTs, wrap, index, start, measure }: Props) {
  const text = textOf(e);
  const { segs, cut } = segmentsOf(e.line, text, query);
  const err = e.stream === 'stderr';
  return (
    <div
      ref={measure}
      data-index={index}
      data-testid="log-line"
      data-stream={e.stream}
      className={cn(
        'flex min-w-full gap-2 border-l-2 pr-3 pl-2 font-mono text-xs leading-[18px]',
        start !== undefined && 'absolute top-0 left-0',
        wrap ? 'w-full' : 'w-max whitespace-pre',
        err ? 'border-red-500 bg-red-500/[0.07] text-red-200' : 'border-transparent text-zinc-200',
      )}
      style={{ ...(start !== undefined ? { transform: `translateY(${start}px)` } : {}), ...(wrap ? {} : { height: ROW_HEIGHT }) }}
    >
      {showTs && e.ts ? <span className="shrink-0 text-zinc-500 select-none">{shortTs(e.ts)}</span> : null}
      <span className={cn('min-w-0', wrap && 'break-all whitespace-pre-wrap')}>
        {segs.map((s, i) =>
          s.mark ? (
            <mark
              key={i}
              data-testid="log-match"
              className="rounded-sm bg-amber-300 text-zinc-950"
              style={s.style ? { fontWeight: s.style.bold ? 700 : undefined } : undefined}
            >
              {s.text}
            </mark>
          ) : s.style ? (
            <span key={i} style={styleToCss(s.style, DEFAULTS)}>
              {s.text}
            </span>
          ) : (
            s.text
          ),
        )}
        {cut ? (
          <span className="ml-2 rounded bg-zinc-800 px-1 text-zinc-400 select-none">
            … {text.length.toLocaleString()} characters, shortened here; the download has the whole line
          </span>
        ) : null}
        {segs.length === 0 ? ' ' : null}
      </span>
    </div>
  );
});
