'use client';

import { Bell } from 'lucide-react';
import Link from 'next/link';
import { type CSSProperties, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { hrefOf, SEVERITY_TONE, useFiringAlerts } from './alerts-api';

/**
 * The bell: the number of firing alerts (silenced ones are shown in the list, not counted), and a dropdown listing
 * them, each linking to what it is about. Portalled with fixed coordinates so the sidebar cannot clip it.
 */
export function AlertBell({ onNavigate }: { onNavigate?: () => void }) {
  const q = useFiringAlerts();
  const [open, setOpen] = useState(false);
  const [pos, setPos] = useState<CSSProperties>({});
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const alerts = q.data ?? [];
  const firing = alerts.filter((a) => !a.silenced).length;

  useLayoutEffect(() => {
    if (!open || !buttonRef.current) return;
    const b = buttonRef.current.getBoundingClientRect();
    setPos({ top: b.bottom + 4, left: Math.max(4, Math.min(b.left, window.innerWidth - 340)) });
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!panelRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const label = firing ? `Alerts: ${firing} firing` : 'Alerts: none firing';
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        data-testid="alert-bell"
        onClick={() => setOpen(!open)}
        className="relative inline-flex size-7 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-200/70 dark:text-zinc-400 dark:hover:bg-zinc-800"
      >
        <Bell className="size-4" aria-hidden />
        {firing ? (
          <span
            data-testid="alert-count"
            className="absolute -top-1 -right-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white"
          >
            {firing > 99 ? '99+' : firing}
          </span>
        ) : null}
      </button>
      {open
        ? createPortal(
            <div
              ref={panelRef}
              role="dialog"
              aria-label="Firing alerts"
              style={{ position: 'fixed', ...pos }}
              className="z-50 flex max-h-96 w-80 flex-col overflow-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
            >
              {alerts.length === 0 ? (
                <p className="px-3 py-2 text-zinc-500">
                  {q.isPending ? 'Loading alerts…' : q.error ? `Could not load alerts: ${q.error.message}` : 'No alerts firing.'}
                </p>
              ) : (
                alerts.map((a) => {
                  const href = hrefOf(a);
                  const body = (
                    <>
                      <span className="flex items-center gap-2">
                        <Badge tone={a.silenced ? 'grey' : SEVERITY_TONE[a.severity]}>{a.silenced ? 'silenced' : a.severity}</Badge>
                        <span className="truncate font-medium">{a.subject.name}</span>
                        {a.count > 1 ? <span className="ml-auto text-xs text-zinc-500">×{a.count}</span> : null}
                      </span>
                      <span className="line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">{a.summary}</span>
                    </>
                  );
                  const cls = cn('flex flex-col gap-0.5 px-3 py-1.5', href && 'hover:bg-zinc-100 dark:hover:bg-zinc-800');
                  return href ? (
                    <Link
                      key={a.id}
                      href={href}
                      data-testid="alert-item"
                      className={cls}
                      onClick={() => {
                        setOpen(false);
                        onNavigate?.();
                      }}
                    >
                      {body}
                    </Link>
                  ) : (
                    <div key={a.id} data-testid="alert-item" className={cls}>
                      {body}
                    </div>
                  );
                })
              )}
              <Link
                href="/settings/alerts"
                className="border-t border-zinc-200 px-3 py-1.5 text-xs text-accent-fg dark:border-zinc-700"
                onClick={() => setOpen(false)}
              >
                Alert rules and history
              </Link>
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
