'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { accessApi } from '@/components/access/api';
import { Alert } from '@/components/ui/alert';
import { inputClass, selectClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { call } from '@/lib/api-client';
import { templateSearcher } from '@/lib/catalog-search';
import type { CatalogFirstScreen, CatalogProblem } from '@/lib/catalog-types';
import { qk } from '@/lib/query-keys';
import { FirstScreen, TemplateGrid } from './template-grid';

/**
 * The catalog's templates as cards, searched and filtered on the page: the list is fetched once and filtered as the
 * user types, so a keystroke costs no request; the search text is indexed once per list and only the cards in view
 * are rendered (TemplateGrid). The list follows the box in the same render: deferring it (useDeferredValue) kept the
 * box free of a render that costs ~5 ms, and cost every keystroke a second render and frame before its results showed
 * (P8: keystroke p50 22 → 12 ms, p95 40–47 → 27–34 ms without). Admins also see the templates that could not be loaded.
 */
export function CatalogView({ first }: { first?: CatalogFirstScreen }) {
  const q = useQuery({ queryKey: qk.catalog, queryFn: () => call('GET /api/v1/catalog') });
  // admins add catalogs from git and other tools' files under Settings
  const me = useQuery({ queryKey: qk.me, queryFn: accessApi.me, staleTime: 60_000 });
  const isAdmin = me.data?.account.isAdmin === true;
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const all = q.data?.templates;
  const search = useMemo(() => templateSearcher(all ?? []), [all]);
  const shown = useMemo(() => search({ q: text, category: category || undefined }), [search, text, category]);
  const counted = (n: number, of: number) => `${n} of ${of} ${of === 1 ? 'template' : 'templates'}`;
  // until the whole list is here, the first screen that came with the page stands in (not searchable yet)
  const early = !all && !q.isError ? first : undefined;
  const count = all ? counted(shown.length, all.length) : early ? counted(early.total, early.total) : 'Loading…';

  return (
    <div className="flex h-full min-h-[480px] flex-col gap-3 p-4 md:p-6">
      <PageHeader
        title="Catalog"
        description={q.isError ? 'The catalog could not be loaded' : count}
        actions={
          isAdmin ? (
            <Link href="/settings#catalog-sources" className="text-sm text-accent hover:underline">
              Catalog sources
            </Link>
          ) : null
        }
      />
      {q.isError ? <Alert tone="error">{(q.error as Error).message}</Alert> : null}
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          aria-label="Search templates"
          placeholder="Search templates…"
          className={`${inputClass} max-w-sm`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="catalog-search"
        />
        <select aria-label="Category" className={`${selectClass} w-auto`} value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">All categories</option>
          {(q.data?.categories ?? early?.categories ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      {q.data?.problems.length ? (
        // kept short: the card grid below takes the rest of the page's height
        <div className="max-h-40 shrink-0 overflow-auto">
          <Problems problems={q.data.problems} />
        </div>
      ) : null}
      {all && !shown.length ? <p className="text-sm text-zinc-500">No template matches.</p> : null}
      {early ? <FirstScreen templates={early.templates} total={early.total} /> : <TemplateGrid templates={shown} query={text} />}
    </div>
  );
}

function Problems({ problems }: { problems: CatalogProblem[] }) {
  return (
    <Alert tone="error">
      <p className="font-medium">
        {problems.length} {problems.length === 1 ? 'problem' : 'problems'} in the catalog (only admins see this):
      </p>
      <ul className="mt-1 list-disc pl-5 text-xs">
        {problems.slice(0, 50).map((p, i) => (
          <li key={i}>
            <code>{p.file}</code>
            {p.field ? (
              <>
                {' '}
                <code>{p.field}</code>
              </>
            ) : null}
            : {p.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
