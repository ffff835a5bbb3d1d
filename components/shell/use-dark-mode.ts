'use client';

import { useSyncExternalStore } from 'react';

/**
 * Whether the app is in dark mode right now: the `dark` class on <html>, which the inline theme script and the theme
 * toggle set. Widgets that draw their own colours (the compose editor, the terminal) follow it live.
 */
export function useDarkMode(): boolean {
  return useSyncExternalStore(subscribe, isDark, () => false);
}

const isDark = () => document.documentElement.classList.contains('dark');

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
