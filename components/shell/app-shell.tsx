'use client';

import { Menu, Ship, X } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { AlertBell } from '@/components/alerts/alert-bell';
import { TaskPanel } from '@/components/tasks/task-panel';
import { cn } from '@/components/ui/cn';
import { HostSwitcher, HostSwitcherShell } from './host-switcher';
import { LiveIndicator } from './live-indicator';
import { NavList, SidebarNav } from './sidebar-nav';
import { ThemeToggle } from './theme-toggle';

/**
 * One sidebar for every screen size: beside the page from md up, and a drawer behind a menu button on phones. A
 * single instance keeps one copy of each control in the DOM, so labels and test locators stay unambiguous.
 */
export function AppShell({ children, account, banner }: { children: ReactNode; account?: ReactNode; banner?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const asideRef = useRef<HTMLElement>(null);
  const close = () => setOpen(false);

  // A navigation closes the mobile menu: state adjusted while rendering, as React advises for "reset on prop change".
  const [menuPath, setMenuPath] = useState(pathname);
  if (menuPath !== pathname) {
    setMenuPath(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    asideRef.current?.querySelector<HTMLElement>('a, select, button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="flex h-dvh overflow-hidden">
      {open ? <div aria-hidden className="fixed inset-0 z-30 bg-zinc-950/40 md:hidden" onClick={close} /> : null}
      <aside
        id="sidebar"
        ref={asideRef}
        className={cn(
          'w-60 shrink-0 flex-col gap-4 border-r border-zinc-200 p-3 md:static md:flex md:w-56 md:bg-zinc-100/70 md:shadow-none dark:border-zinc-800 md:dark:bg-zinc-900/60',
          open ? 'fixed inset-y-0 left-0 z-40 flex bg-zinc-100 shadow-xl dark:bg-zinc-900' : 'hidden',
        )}
      >
        <div className="flex items-center justify-between px-1 pt-1">
          <Link href="/containers" className="flex items-center gap-2 font-semibold tracking-tight" onClick={close}>
            <span className="flex size-7 items-center justify-center rounded-md bg-accent text-white">
              <Ship className="size-4" aria-hidden />
            </span>
            Berth
          </Link>
          <span className="flex items-center gap-1">
            <AlertBell onNavigate={close} />
            <button type="button" aria-label="Close menu" onClick={close} className="rounded p-1 text-zinc-500 md:hidden">
              <X className="size-4" aria-hidden />
            </button>
          </span>
        </div>
        <Suspense fallback={<HostSwitcherShell />}>
          <HostSwitcher />
        </Suspense>
        <Suspense fallback={<NavList pathname={pathname} />}>
          <SidebarNav onNavigate={close} />
        </Suspense>
        {account}
        <div className="flex items-center justify-between border-t border-zinc-200 px-1 pt-3 dark:border-zinc-800">
          <LiveIndicator />
          <ThemeToggle />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 bg-white px-3 dark:border-zinc-800 dark:bg-zinc-900 md:hidden">
          <button
            type="button"
            aria-label="Open menu"
            aria-expanded={open}
            aria-controls="sidebar"
            onClick={() => setOpen(true)}
            className="rounded-md p-1.5 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            <Menu className="size-5" aria-hidden />
          </button>
          <span className="font-semibold tracking-tight">Berth</span>
          <LiveIndicator compact className="ml-auto" />
        </header>
        {banner}
        <main id="main" className="min-h-0 flex-1 overflow-auto">
          {children}
        </main>
        <TaskPanel />
      </div>
    </div>
  );
}
