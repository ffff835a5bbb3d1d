'use client';

import type { LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { type CSSProperties, type KeyboardEvent, type ReactNode, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { cn } from './cn';

export interface MenuItem {
  key: string;
  label: string;
  icon?: LucideIcon;
  /** a link item (navigates); otherwise onSelect runs */
  href?: string;
  onSelect?: () => void;
  disabled?: boolean;
  /** why it is disabled, or more words on what it does */
  title?: string;
  danger?: boolean;
  /** draw a rule above this item */
  separated?: boolean;
}

interface Props {
  /** the button's accessible name, e.g. "Actions for web-1" */
  label: string;
  items: MenuItem[];
  children: ReactNode;
  className?: string;
}

const ITEM = 'flex w-full items-center gap-2 px-3 py-1.5 text-left text-sm outline-none [&>svg]:size-4 [&>svg]:shrink-0';

/**
 * A menu button after the WAI-ARIA pattern: Enter, Space or ArrowDown opens it on the first item, arrows/Home/End
 * move, Escape closes it and gives focus back, Tab or a click outside closes it. The list is portalled to <body> with
 * fixed coordinates so that a scrolling or virtualized table cannot clip it; it closes when the page scrolls under it.
 */
export function MenuButton({ label, items, children, className }: Props) {
  const [open, setOpen] = useState(false);
  const [pos, setPos] = useState<CSSProperties>({});
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const enabled = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];
  const focusAt = (i: number) => {
    const list = enabled();
    list[(i + list.length) % list.length]?.focus();
  };

  useLayoutEffect(() => {
    if (!open || !buttonRef.current || !menuRef.current) return;
    const b = buttonRef.current.getBoundingClientRect();
    const h = menuRef.current.offsetHeight;
    // Opens downwards unless that would leave the window; right edges aligned, since the button sits at a row's end.
    const down = b.bottom + 4 + h <= window.innerHeight || b.top < h + 4;
    setPos({ right: Math.max(4, window.innerWidth - b.right), ...(down ? { top: b.bottom + 4 } : { bottom: window.innerHeight - b.top + 4 }) });
    focusAt(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focusAt reads refs only; placing runs when the menu opens
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) close(false);
    };
    const onScroll = (e: Event) => {
      if (!menuRef.current?.contains(e.target as Node)) close(false);
    };
    const onResize = () => close(false);
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', onResize);
    };
  }, [open]);

  const onMenuKey = (e: KeyboardEvent) => {
    const list = enabled();
    const i = list.indexOf(document.activeElement as HTMLElement);
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusAt(i + 1),
      ArrowUp: () => focusAt(i - 1),
      Home: () => focusAt(0),
      End: () => focusAt(-1),
      Escape: () => close(true),
    };
    if (e.key === 'Tab') return close(false);
    const run = keys[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  };

  const select = (item: MenuItem) => {
    close(!item.href);
    item.onSelect?.();
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className={cn(
          'inline-flex size-7 shrink-0 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 aria-expanded:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:aria-expanded:bg-zinc-800 [&_svg]:size-4',
          className,
        )}
      >
        {children}
      </button>
      {open
        ? createPortal(
            <div
              ref={menuRef}
              id={menuId}
              role="menu"
              aria-label={label}
              onKeyDown={onMenuKey}
              style={{ position: 'fixed', ...pos }}
              className="z-50 min-w-44 overflow-hidden rounded-md border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
            >
              {items.map((item) => {
                const Icon = item.icon;
                const cls = cn(
                  ITEM,
                  item.separated && 'mt-1 border-t border-zinc-200 pt-2 dark:border-zinc-800',
                  item.disabled
                    ? 'cursor-not-allowed text-zinc-400 dark:text-zinc-600'
                    : item.danger
                      ? 'text-red-600 hover:bg-red-50 focus:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/40 dark:focus:bg-red-950/40'
                      : 'text-zinc-800 hover:bg-zinc-100 focus:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800',
                );
                const body = (
                  <>
                    {Icon ? <Icon aria-hidden /> : null}
                    {item.label}
                  </>
                );
                // Disabled items stay in the list (so the choice is visible) but out of the arrow-key order.
                return item.href && !item.disabled ? (
                  <Link
                    key={item.key}
                    href={item.href}
                    prefetch={false}
                    role="menuitem"
                    tabIndex={-1}
                    title={item.title}
                    className={cls}
                    onClick={() => select(item)}
                  >
                    {body}
                  </Link>
                ) : (
                  <button
                    key={item.key}
                    type="button"
                    role="menuitem"
                    tabIndex={-1}
                    title={item.title}
                    aria-disabled={item.disabled || undefined}
                    className={cls}
                    onClick={() => !item.disabled && select(item)}
                  >
                    {body}
                  </button>
                );
              })}
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
