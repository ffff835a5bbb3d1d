'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { inputClass, selectClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { call } from '@/lib/api-client';
import { searchTemplates } from '@/lib/catalog-search';
import type { CatalogProblem, TemplateSummary } from '@/lib/catalog-types';
import { qk } from '@/lib/query-keys';

/**
 * The catalog's templates as cards, searched and filtered on the page: the list is fetched once and filtered as the
 * user types, so a keystroke costs no request. Admins also see the templates that could not be loaded.
 */
export function CatalogView() {
  const q = useQuery({ queryKey: qk.catalog, queryFn: () => call('GET /api/v1/catalog') });
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const deferred = useDeferredValue(text);
  const all = q.data?.templates;
  const shown = useMemo(() => searchTemplates(all ?? [], { q: deferred, category: category || undefined }), [all, deferred, category]);
  const count = all ? `${shown.length} of ${all.length} ${all.length === 1 ? 'template' : 'templates'}` : 'Loading…';

  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <PageHeader title="Catalog" description={q.isError ? 'The catalog could not be loaded' : count} />
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
          {(q.data?.categories ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      {q.data?.problems.length ? <Problems problems={q.data.problems} /> : null}
      {all && !shown.length ? <p className="text-sm text-zinc-500">No template matches.</p> : null}
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label="Templates">
        {shown.map((t) => (
          <TemplateCard key={t.id} t={t} />
        ))}
      </ul>
    </div>
  );
}

function TemplateCard({ t }: { t: TemplateSummary }) {
  return (
    <li data-testid="catalog-card" data-id={t.id} className="relative flex gap-3 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      {/* a data: URL from the template folder: next/image has nothing to optimise here */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      {t.logo ? <img src={t.logo} alt="" width={40} height={40} className="size-10 shrink-0" /> : <div aria-hidden className="size-10 shrink-0 rounded bg-zinc-100 dark:bg-zinc-800" />}
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-1.5">
          <h2 className="truncate text-sm font-semibold">
            <Link href={`/catalog/${encodeURIComponent(t.id)}`} className="hover:underline after:absolute after:inset-0">
              {t.name}
            </Link>
          </h2>
          <span className="text-xs text-zinc-500">{t.defaultVersion}</span>
          {t.administratorOnly ? (
            <Badge tone="amber" title="Only admins may launch it">
              admin only
            </Badge>
          ) : null}
        </div>
        <p className="mt-0.5 line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">{t.description}</p>
        <div className="mt-1.5 flex flex-wrap gap-1">
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
