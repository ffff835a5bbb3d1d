'use client';

import { type RefObject, useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { LogBuffer } from '@/lib/log-buffer';

/** Within this many pixels of the end counts as "at the bottom". */
const SLACK = 4;

/**
 * Following the end of the log: new lines scroll into view only while the user is at the bottom; scrolled up, the
 * view stays put and "Jump to latest" is offered. `dropHeight` (px per row, for fixed-height rows) also keeps a
 * scrolled-up view on the same lines while old lines drop off the front; measured rows pass null.
 */
export function useFollowScroll(ref: RefObject<HTMLDivElement | null>, buffer: LogBuffer, version: number, dropHeight: number | null) {
  const stick = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  /** where the last automatic scroll to the bottom left the view */
  const autoTop = useRef(0);
  const seen = useRef({ dropped: buffer.viewDropped, epoch: buffer.viewEpoch });

  /** Returns true when the event is the echo of this hook's own scroll to the bottom (nothing new to read). */
  const onScroll = useCallback((): boolean => {
    const el = ref.current;
    if (!el) return false;
    const echo = stick.current && Math.abs(el.scrollTop - autoTop.current) <= 1;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight <= SLACK;
    stick.current = bottom;
    setAtBottom(bottom);
    return echo && bottom;
  }, [ref]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Drops count only within one view: a new search, filter or stream starts the count over.
    const dropped = buffer.viewEpoch === seen.current.epoch ? buffer.viewDropped - seen.current.dropped : 0;
    seen.current = { dropped: buffer.viewDropped, epoch: buffer.viewEpoch };
    // A scroll up whose event has not been dispatched yet must still win over sticking to the bottom.
    if (stick.current && el.scrollTop < Math.min(autoTop.current, el.scrollHeight - el.clientHeight) - SLACK) {
      stick.current = false;
      setAtBottom(false);
    }
    if (stick.current) {
      el.scrollTop = el.scrollHeight;
      autoTop.current = el.scrollTop;
    } else if (dropped > 0 && dropHeight !== null) el.scrollTop = Math.max(0, el.scrollTop - dropped * dropHeight);
  }, [ref, version, buffer, dropHeight]);

  /** Back to following; `scroll` moves the view to the end (the default: the scroller's own end). */
  const jump = useCallback(
    (scroll?: () => void) => {
      stick.current = true;
      autoTop.current = 0;
      setAtBottom(true);
      const toEnd = () => ref.current && (ref.current.scrollTop = ref.current.scrollHeight);
      (scroll ?? toEnd)();
      requestAnimationFrame(toEnd);
    },
    [ref],
  );

  return { atBottom, onScroll, jump };
}
