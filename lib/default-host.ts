import type { HostView } from './types';

type Candidate = Pick<HostView, 'id' | 'kind' | 'status' | 'createdAt'>;

/**
 * The host a create form starts on when no host is picked in the switcher ("All hosts"): the one the user last chose
 * in such a form, else the local socket (the oldest socket host: Berth registers the machine's own socket on first
 * start), else the oldest host that answers. Never simply the newest host: adding a host must not move where the
 * next volume or stack lands. Offline hosts are skipped; '' when none answers. Pure (default-host.test.ts).
 */
export function pickDefaultHost(hosts: Candidate[], remembered: string | null): string {
  const usable = hosts.filter((h) => h.status !== 'offline');
  if (remembered && usable.some((h) => h.id === remembered)) return remembered;
  const oldestFirst = [...usable].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (oldestFirst.find((h) => h.kind === 'socket') ?? oldestFirst[0])?.id ?? '';
}
