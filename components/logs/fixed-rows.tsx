'use client';

import { type ReactNode, useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { LogBuffer } from '@/lib/log-buffer';
import { bottomTop, keepPlace, rowsHeight, rowWindow } from '@/lib/log-buffer-range';
import { LogRow, ROW_HEIGHT } from './log-row';
import { LogScroller, SCROLLER_PAD } from './log-scroller';
import { useFollowScroll } from './use-follow-scroll';

/** Rows rendered above and below the viewport, so that a fast scroll shows lines before the next render. */
const OVERSCAN = 20;

export interface RowsProps {
  buffer: LogBuffer;
  /** the buffer's version this render shows */
  version: number;
  query: string;
  showTs: boolean;
  empty: string;
}

/**
 * Unwrapped lines (the default). Every row is ROW_HEIGHT px, so the layout is arithmetic: the rows' box is
 * count × ROW_HEIGHT tall and the rows to render follow from scrollTop and the viewport's height. Nothing is
 * measured or kept per line, so a batch of new lines costs O(new lines + rows on screen) however many lines the
 * buffer holds. (A measuring virtualizer rebuilds its per-line cache, O(lines), on every batch: at 200,000 lines
 * that was most of each frame's work; the wrapped mode still uses one, see wrapped-rows.tsx.)
 */
export function FixedRows({ buffer, version, query, showTs, empty }: RowsProps) {
  const ref = useRef<HTMLDivElement>(null);
  const follow = useFollowScroll(ref, buffer, version, ROW_HEIGHT);
  // The scroller as last read, with the view's drop count at that moment (to place the rows before the next read).
  const [pos, setPos] = useState({ top: 0, viewport: 0, dropped: buffer.viewDropped, epoch: buffer.viewEpoch });
  const read = useCallback(() => {
    const el = ref.current;
    if (el) setPos({ top: el.scrollTop, viewport: el.clientHeight, dropped: buffer.viewDropped, epoch: buffer.viewEpoch });
  }, [buffer]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [read]);

  const count = buffer.viewLength;
  const g = { count, rowHeight: ROW_HEIGHT, viewport: pos.viewport, pad: SCROLLER_PAD };
  // Where this commit's layout effect (useFollowScroll) will leave the scroller: at the end while following, else
  // on the same lines as before, less the rows that dropped off the front since the last read.
  const dropped = pos.epoch === buffer.viewEpoch ? buffer.viewDropped - pos.dropped : 0;
  const top = follow.atBottom ? bottomTop(g) : keepPlace(g, pos.top, dropped);
  const { start, end } = rowWindow(g, top, OVERSCAN);
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const e = buffer.at(i);
    if (e) rows.push(<LogRow key={e.seq} e={e} query={query} showTs={showTs} wrap={false} />);
  }

  // The echo of following's own scroll to the end is not read: rendering at the end is already what this commit
  // did, and reading it would render a second time each frame.
  const onScroll = () => {
    if (!follow.onScroll()) read();
  };
  return (
    <LogScroller scrollRef={ref} onScroll={onScroll} count={count} empty={empty} atBottom={follow.atBottom} onJump={() => follow.jump()}>
      <div className="relative w-full" style={{ height: rowsHeight(g) }}>
        {/* One offset for the window rather than one per row: rows that stay on screen keep their props and are
            not rendered again when lines drop off the front. */}
        <div className="absolute top-0 left-0 min-w-full" style={{ transform: `translateY(${start * ROW_HEIGHT}px)` }}>
          {rows}
        </div>
      </div>
    </LogScroller>
  );
}
