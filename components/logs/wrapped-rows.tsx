'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';
import type { RowsProps } from './fixed-rows';
import { LogRow, ROW_HEIGHT } from './log-row';
import { LogScroller } from './log-scroller';
import { useFollowScroll } from './use-follow-scroll';

/**
 * Wrapped lines: a row is as tall as its line wraps to, known only once rendered, so this mode keeps the measuring
 * virtualizer (@tanstack/react-virtual). Its per-line cache makes a batch O(lines in the buffer); that is accepted
 * here, where lines are read rather than followed at speed (use-log-stream.ts commits less often for it). A
 * scrolled-up view is not moved when lines drop off the front: their heights are not known without measuring.
 */
export function WrappedRows({ buffer, version, query, showTs, empty }: RowsProps) {
  const ref = useRef<HTMLDivElement>(null);
  const follow = useFollowScroll(ref, buffer, version, null);
  const count = buffer.viewLength;
  // Keyed by line, so that measured sizes follow their line when old lines drop off the front. Changes with each
  // batch (`version`), not with each scroll, so scrolling does not lay out every line again.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- version is the buffer's change stamp (see above)
  const getItemKey = useCallback((i: number) => buffer.at(i)?.seq ?? -i - 1, [buffer, version]);
  const v = useVirtualizer({
    count,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: 30,
  });

  return (
    <LogScroller
      scrollRef={ref}
      onScroll={follow.onScroll}
      count={count}
      empty={empty}
      atBottom={follow.atBottom}
      onJump={() => follow.jump(() => v.scrollToIndex(count - 1, { align: 'end' }))}
    >
      <div className="relative w-full" style={{ height: v.getTotalSize() }}>
        {v.getVirtualItems().map((item) => {
          const e = buffer.at(item.index);
          if (!e) return null;
          return <LogRow key={e.seq} e={e} index={item.index} start={item.start} query={query} showTs={showTs} wrap measure={v.measureElement} />;
        })}
      </div>
    </LogScroller>
  );
}
