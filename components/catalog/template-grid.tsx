'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { type CSSProperties, memo, useRef, useSyncExternalStore } from 'react';
import { Badge } from '@/components/ui/badge';
import type { TemplateSummary } from '@/lib/catalog-types';
import { TemplateLogo } from './template-logo';

/** A card's height and the gap between cards: fixed, so the grid knows every row's place without measuring it. */
const CARD = 104;
const GAP = 12;

// Tailwind's sm and xl breakpoints (the grid had 1, 2 and 3 columns at these widths before it was virtualized)
const WIDE = '(min-width: 1280px)';
const MEDIUM = '(min-width: 640px)';

function subscribe(onChange: () => void) {
  const lists = [WIDE, MEDIUM].map((q) => window.matchMedia(q));
  for (const l of lists) l.addEventListener('change', onChange);
  return () => lists.forEach((l) => l.removeEventListener('change', onChange));
}
const columnsNow = () => (window.matchMedia(WIDE).matches ? 3 : window.matchMedia(MEDIUM).matches ? 2 : 1);

/**
 * The catalog's cards in rows of 1–3, of which only the rows in view (plus a few) are in the DOM: a catalog of 1,000
 * templates renders and filters as fast as one of 20, since each keystroke re-renders a screenful of cards, not all
 * of them (and only those cards' logos are decoded). `query` names the search the list shows (data-query), so a test
 * or a benchmark can tell when the list has caught up with the search box. Memoized: the page's other renders (the
 * viewer's account arriving, a refetch that finds the list unchanged) leave the grid alone.
 */
export const TemplateGrid = memo(function TemplateGrid({ templates, query }: { templates: TemplateSummary[]; query: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const cols = useSyncExternalStore(subscribe, columnsNow, () => 1);
  const rows = Math.ceil(templates.length / cols);
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scrollRef.current, estimateSize: () => CARD + GAP, overscan: 1 });
  const width = `calc((100% - ${(cols - 1) * GAP}px) / ${cols})`;

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto">
      <ul aria-label="Templates" data-query={query} className="relative" style={{ height: Math.max(0, virtualizer.getTotalSize() - GAP) }}>
        {virtualizer.getVirtualItems().flatMap((row) =>
          templates.slice(row.index * cols, row.index * cols + cols).map((t, c) => (
            <TemplateCard
              // keyed by place, not by template: a keystroke that changes which templates are shown updates the text of
              // the cards already there instead of replacing every card's elements (P8, keystroke latency)
              key={row.index * cols + c}
              t={t}
              position={row.index * cols + c + 1}
              total={templates.length}
              // placed and sized by the grid: contained, a new card is laid out and painted on its own (keystrokes)
              style={{ top: row.start, left: `calc((100% + ${GAP}px) / ${cols} * ${c})`, width, height: CARD, contain: 'strict' }}
            />
          )),
        )}
      </ul>
    </div>
  );
});

/**
 * The first screen of cards as it comes with the page's HTML (server-rendered, before the whole list is fetched): the
 * same cards in a plain CSS grid of the same columns, so nothing needs measuring and server and browser agree.
 */
export function FirstScreen({ templates, total }: { templates: TemplateSummary[]; total: number }) {
  return (
    <div className="min-h-0 flex-1 overflow-auto">
      <ul aria-label="Templates" data-query="" className="grid auto-rows-[104px] gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {templates.map((t, i) => (
          <TemplateCard key={t.id} t={t} position={i + 1} total={total} />
        ))}
      </ul>
    </div>
  );
}

function TemplateCard({ t, position, total, style }: { t: TemplateSummary; position: number; total: number; style?: CSSProperties }) {
  return (
    <li
      data-testid="catalog-card"
      data-id={t.id}
      aria-posinset={position}
      aria-setsize={total}
      style={style}
      className={`${style ? 'absolute' : 'relative'} flex gap-3 overflow-hidden rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900`}
    >
      {/* keyed by template: a card given another template starts its logo's wait again */}
      <TemplateLogo key={t.id} src={t.logo} size={40} />
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-1.5">
          <h2 className="truncate text-sm font-semibold">
            {/* not prefetched: each keystroke mounts a screenful of new cards, and each would fetch its page */}
            <Link href={`/catalog/${encodeURIComponent(t.id)}`} prefetch={false} className="hover:underline after:absolute after:inset-0">
              {t.name}
            </Link>
          </h2>
          <span className="shrink-0 text-xs text-zinc-500">{t.defaultVersion}</span>
          {t.administratorOnly ? (
            <Badge tone="amber" title="Only admins may launch it">
              admin only
            </Badge>
          ) : null}
        </div>
        <p className="mt-0.5 line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">{t.description}</p>
        {/* one line of categories: the card's height is fixed */}
        <div className="mt-1.5 flex h-5 flex-wrap gap-1 overflow-hidden">
          {t.categories.map((c) => (
            <Badge key={c} tone="grey">
              {c}
            </Badge>
          ))}
        </div>
      </div>
    </li>
  );
}
