'use client';

import dynamic from 'next/dynamic';

/**
 * The compose editor, fetched only by the pages that show it (CodeMirror is the largest piece of Berth's browser code).
 * Until it arrives, an empty box of the editor's size and frame holds its place, so nothing on the page moves.
 */
export const YamlEditor = dynamic(() => import('./yaml-editor').then((m) => m.YamlEditor), {
  ssr: false,
  loading: () => (
    <div
      data-testid="compose-editor-loading"
      aria-busy="true"
      className="h-[420px] rounded-md border border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900"
    />
  ),
});
