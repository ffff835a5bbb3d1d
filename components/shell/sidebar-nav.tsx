'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { accessApi } from '@/components/access/api';
import { cn } from '@/components/ui/cn';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import { NAV_ITEMS, type NavItem, SWARM_ITEM } from './nav-items';
import { resolveHost, useHostScope } from './use-host-scope';

export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  const { hostId, withHost } = useHostScope();
  const me = useQuery({ queryKey: qk.me, queryFn: accessApi.me, staleTime: 60_000 });
  const hosts = useHosts();
  // The current host (the ?host= scope, or the host whose pages are open) gets a Swarm entry when it is a manager.
  const inPath = /^\/hosts\/([^/]+)/.exec(pathname)?.[1];
  const current = resolveHost(hostId ?? (inPath ? decodeURIComponent(inPath) : null), hosts.data ?? []);
  const swarm = current?.info?.swarm === 'manager' ? { ...SWARM_ITEM, href: `/hosts/${encodeURIComponent(current.id)}/swarm` } : undefined;
  return <NavList pathname={pathname} hrefFor={withHost} onNavigate={onNavigate} isAdmin={me.data?.account.isAdmin} swarm={swarm} />;
}

/** Also rendered without the host scope while search params are not yet known (static prerender). */
export function NavList({
  pathname,
  hrefFor = (h) => h,
  onNavigate,
  isAdmin = false,
  swarm,
}: {
  pathname: string;
  hrefFor?: (href: string) => string;
  onNavigate?: () => void;
  isAdmin?: boolean;
  /** the Swarm page of the current host, when it is a swarm manager */
  swarm?: NavItem;
}) {
  const items = NAV_ITEMS.filter((item) => isAdmin || !item.adminOnly).flatMap((item) => (item.href === '/stacks' && swarm ? [item, swarm] : [item]));
  return (
    <nav aria-label="Main">
      <ul className="flex flex-col gap-0.5">
        {items.map(({ href, label, icon: Icon }) => {
          // Container detail pages live under /hosts/… but belong to the Containers section; Swarm pages to Swarm.
          const active =
            href === swarm?.href
              ? pathname.startsWith(href)
              : href === '/containers'
                ? pathname.startsWith('/containers') || /^\/hosts\/[^/]+\/containers/.test(pathname)
                : href === '/hosts'
                  ? pathname.startsWith('/hosts') && !/^\/hosts\/[^/]+\/(containers|swarm)/.test(pathname)
                  : pathname.startsWith(href);
          return (
            <li key={href}>
              <Link
                href={href === swarm?.href ? href : hrefFor(href)}
                onClick={onNavigate}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors',
                  active
                    ? 'bg-accent-soft text-accent-fg'
                    : 'text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/70 dark:hover:text-zinc-100',
                )}
              >
                <Icon className="size-4 shrink-0" aria-hidden />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
