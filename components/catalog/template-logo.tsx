'use client';

import { useEffect, useState } from 'react';

const placeholder = 'shrink-0 rounded bg-zinc-100 dark:bg-zinc-800';

/** How long a card is on screen before its logo is asked for: longer than the gap between a fast typist's keys. */
const SETTLE_MS = 250;

/**
 * A template's logo, put in the page once its card has stayed on screen a moment and the browser is idle. Logos are
 * mostly SVG, and Chromium parses each SVG image as a document of its own on the main thread (2–5 ms each here): a
 * screenful of new cards, on the first load or after a keystroke, waited 50–100 ms for its logos before it could
 * paint, and logos arriving while the user typed on delayed the next keystroke's results (P8). Now the cards paint
 * first and the logos follow when the list settles; a card gone again before then (typing on) never asks for one.
 */
export function TemplateLogo({ src, size }: { src?: string; size: 40 | 48 }) {
  const [shown, setShown] = useState(false);
  // an imported catalog's logo Berth could not fetch (the route answers 404 saying why): the placeholder, not a broken image
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!src) return;
    const w = window as Window & typeof globalThis;
    let idle = 0;
    const timer = setTimeout(() => {
      // Safari has no requestIdleCallback: the timer alone does nearly as well
      if (w.requestIdleCallback) idle = w.requestIdleCallback(() => setShown(true), { timeout: 500 });
      else setShown(true);
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      if (idle) w.cancelIdleCallback(idle);
    };
  }, [src]);
  const box = size === 40 ? 'size-10' : 'size-12';
  if (shown && src && !failed)
    // the logo is a URL of Berth's (server/catalog/logo.ts): next/image has nothing to add
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={src} alt="" width={size} height={size} decoding="async" onError={() => setFailed(true)} className={`${box} shrink-0`} />;
  return <div aria-hidden className={`${box} ${placeholder}`} />;
}
