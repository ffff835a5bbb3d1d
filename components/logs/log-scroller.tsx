'use client';

import { ArrowDown } from 'lucide-react';
import type { ReactNode, RefObject } from 'react';
import { Button } from '@/components/ui/button';

/** Vertical padding of the scroller (py-1), which the fixed-row range math must know. */
export const SCROLLER_PAD = 4;

interface Props {
  scrollRef: RefObject<HTMLDivElement | null>;
  onScroll: () => void;
  count: number;
  empty: string;
  atBottom: boolean;
  onJump: () => void;
  /** the rows' box: as tall as all the rows, with the rendered ones inside */
  children: ReactNode;
}

/** The scrolling frame shared by both row layouts: focusable for keyboard scrolling, with "Jump to latest". */
export function LogScroller({ scrollRef, onScroll, count, empty, atBottom, onJump, children }: Props) {
  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scrollRef}
        onScroll={onScroll}
        data-testid="log-scroller"
        tabIndex={0}
        role="log"
        aria-label="Log lines"
        aria-live="off"
        className="absolute inset-0 overflow-auto bg-zinc-950 py-1 [color-scheme:dark] focus:outline-none focus-visible:ring-2 focus-visible:ring-accent/40"
      >
        {count === 0 ? <p className="px-3 py-2 font-mono text-xs text-zinc-500">{empty}</p> : null}
        {children}
      </div>
      {!atBottom && count > 0 ? (
        <Button size="sm" variant="primary" className="absolute right-5 bottom-3 shadow-lg" onClick={onJump} data-testid="jump-to-latest">
          <ArrowDown aria-hidden />
          Jump to latest
        </Button>
      ) : null}
    </div>
  );
}
