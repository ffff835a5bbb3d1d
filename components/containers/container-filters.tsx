'use client';

import { Search, X } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { inputClass, selectClass } from '@/components/ui/field';
import { CONTAINER_STATES } from '@/lib/container-states';
import type { HostView } from '@/lib/types';
import type { Filters } from './filter-model';

interface Props {
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
  hosts: Pick<HostView, 'id' | 'name'>[];
  states: string[];
  images: string[];
  projects: string[];
}

function FilterSelect({
  id,
  label,
  value,
  all,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  all: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  return (
    <div className="flex min-w-0 items-center gap-1.5 max-sm:flex-col max-sm:items-stretch max-sm:gap-0.5">
      <label htmlFor={id} className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={cn(selectClass, 'min-w-0 sm:w-auto sm:max-w-48')}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ContainerFilters({ filters, onChange, hosts, states, images, projects }: Props) {
  const withCurrent = (list: string[], v: string) => (v && !list.includes(v) ? [v, ...list] : list);
  const opts = (list: string[]) => list.map((v) => ({ value: v, label: v }));
  // Keep every state selectable, in the Engine's own order, but list the ones present first.
  const stateOpts = [...states, ...CONTAINER_STATES.filter((s) => !states.includes(s))];
  return (
    <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center sm:gap-x-4">
      <div className="relative col-span-2 sm:w-72">
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400" aria-hidden />
        <input
          type="search"
          aria-label="Search containers"
          placeholder="Search name, image, id, host, project…"
          value={filters.q}
          onChange={(e) => onChange({ q: e.target.value })}
          className={cn(inputClass, 'h-8 pl-8')}
        />
      </div>
      <FilterSelect
        id="filter-host"
        label="Host"
        value={filters.host ?? ''}
        all="All hosts"
        options={hosts.map((h) => ({ value: h.id, label: h.name }))}
        onChange={(v) => onChange({ host: v || null })}
      />
      <FilterSelect id="filter-state" label="State" value={filters.state} all="Any state" options={opts(stateOpts)} onChange={(v) => onChange({ state: v })} />
      <FilterSelect
        id="filter-image"
        label="Image"
        value={filters.image}
        all="Any image"
        options={opts(withCurrent(images, filters.image))}
        onChange={(v) => onChange({ image: v })}
      />
      <FilterSelect
        id="filter-project"
        label="Project"
        value={filters.project}
        all="Any project"
        options={opts(withCurrent(projects, filters.project))}
        onChange={(v) => onChange({ project: v })}
      />
      {filters.q || filters.state || filters.image || filters.project ? (
        <button
          type="button"
          onClick={() => onChange({ q: '', state: '', image: '', project: '' })}
          className="inline-flex items-center gap-1 text-xs font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          <X className="size-3.5" aria-hidden />
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
