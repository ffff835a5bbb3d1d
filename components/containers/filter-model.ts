import type { ContainerSummary } from '@/lib/types';

export interface Filters {
  q: string;
  host: string | null;
  state: string;
  image: string;
  project: string;
}

export type SortKey = 'name' | 'host' | 'image' | 'state' | 'created' | 'project';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export const EMPTY_FILTERS: Omit<Filters, 'host'> = { q: '', state: '', image: '', project: '' };

export function filterContainers(list: ContainerSummary[], hostNames: Map<string, string>, f: Filters): ContainerSummary[] {
  const needle = f.q.trim().toLowerCase();
  return list.filter((c) => {
    if (f.host && c.hostId !== f.host) return false;
    if (f.state && c.state !== f.state) return false;
    if (f.image && c.image !== f.image) return false;
    if (f.project && c.project !== f.project) return false;
    if (!needle) return true;
    return (
      c.name.toLowerCase().includes(needle) ||
      c.image.toLowerCase().includes(needle) ||
      c.id.startsWith(needle) ||
      (hostNames.get(c.hostId) ?? '').toLowerCase().includes(needle) ||
      (c.project ?? '').toLowerCase().includes(needle) ||
      (c.service ?? '').toLowerCase().includes(needle)
    );
  });
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function sortContainers(list: ContainerSummary[], hostNames: Map<string, string>, s: Sort): ContainerSummary[] {
  const val = (c: ContainerSummary): string | number => {
    switch (s.key) {
      case 'created':
        return c.created;
      case 'host':
        return hostNames.get(c.hostId) ?? c.hostId;
      case 'project':
        return c.project ? `${c.project}/${c.service ?? ''}` : '\uffff'; // no project sorts last
      default:
        return c[s.key];
    }
  };
  const sign = s.dir === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => {
    const va = val(a);
    const vb = val(b);
    const d = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return d * sign || collator.compare(a.name, b.name);
  });
}

/** Distinct values for a filter select, most common first would hide rare ones; alphabetical is predictable. */
export function distinct(values: Iterable<string | null>): string[] {
  const set = new Set<string>();
  for (const v of values) if (v) set.add(v);
  return [...set].sort(collator.compare);
}
