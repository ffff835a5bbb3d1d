'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown } from 'lucide-react';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { LogBuffer } from '@/lib/log-buffer';
import { LogRow, ROW_HEIGHT } from './log-row';

interface Props {
  buffer: LogBuffer;
  /** the buffer's version this render shows */
  version: number;
  query: string;
  showTs: boolean;
  wrap: boolean;
  empty: string;
}

/** Within this many pixels of the end counts as "at the bottom". */
const SLACK = 4;

/**
 * The virtualized lines. New lines scroll into view only while the user is at the bottom; scrolled up, the view
 * stays put (even while old lines drop off the front) and "Jump to latest" appears.
 */
export function LogList({ buffer, version, query, showTs, wrap, empty }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  const count = buffer.viewLength;
  const lastDropped = useRef(buffer.dropped);
  /** where the last automatic scroll to the bottom left the view */
  const autoTop = useRef(0);

  // Keys matter only for measured (wrapped) rows, whose sizes must follow their line when old lines drop off the
  // front. Unwrapped rows all have one height, and the virtualizer asks for every key on every change: 200,000
  // lookups per batch are better skipped. Stable between batches, so that scrolling does not re-lay out every line.
  const getItemKey = useCallback((i: number) => (wrap ? (buffer.at(i)?.seq ?? -i - 1) : i), [buffer, version, wrap]);
  const v = useVirtualizer({
    count,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: 30,
  });

  const onScroll = () => {
    const el = ref.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK;
    stick.current = bottom;
    if (bottom !== atBottom) setAtBottom(bottom);
  };

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const dropped = buffer.dropped - lastDropped.current;
    lastDropped.current = buffer.dropped;
    // A scroll up whose event has not been dispatched yet must still win over sticking to the bottom.
    if (stick.current && el.scrollTop < Math.min(autoTop.current, el.scrollHeight - el.clientHeight) - SLACK) {
      stick.current = false;
      setAtBottom(false);
    }
    if (stick.current) {
      el.scrollTop = el.scrollHeight;
      autoTop.current = el.scrollTop;
    } else if (dropped > 0 && !buffer.filtering && !wrap) el.scrollTop = Math.max(0, el.scrollTop - dropped * ROW_HEIGHT);
  }, [version, buffer, wrap]);

  const jump = () => {
    stick.current = true;
    autoTop.current = 0;
    setAtBottom(true);
    v.scrollToIndex(count - 1, { align: 'end' });
    requestAnimationFrame(() => ref.current && (ref.current.scrollTop = ref.current.scrollHeight));
  };

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={ref}
        onScroll={onScroll}
        data-testid="log-scroller"
        tabIndex={0}
        role="log"
        aria-label="Log lines"
        aria-live="off"
        className="absolute inset-0 overflow-auto bg-zinc-950 py-1 [color-scheme:dark] focus:outline-none focus-visible:ring-2 focus-visible:ring-accent/40"
      >
        {count === 0 ? <p className="px-3 py-2 font-mono text-xs text-zinc-500">{empty}</p> : null}
        <div className="relative w-full" style={{ height: v.getTotalSize() }}>
          {v.getVirtualItems().map((item) => {
            const e = buffer.at(item.index);
            if (!e) return null;
            return (
              <LogRow
                key={e.seq}
                e={e}
                index={item.index}
                start={item.start}
                query={query}
                showTs={showTs}
                wrap={wrap}
                measure={wrap ? v.measureElement : undefined}
              />
            );
          })}
        </div>
      </div>
      {!atBottom && count > 0 ? (
        <Button size="sm" variant="primary" className="absolute right-5 bottom-3 shadow-lg" onClick={jump} data-testid="jump-to-latest">
          <ArrowDown aria-hidden />
          Jump to latest
        </Button>
      ) : null}
    </div>
  );
}
