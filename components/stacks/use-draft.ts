'use client';

import { useState } from 'react';

/**
 * An editor's draft of a text the server stores (the stack's compose file, its .env). Seeded from the server's first
 * answer; while the user has not edited it, it follows the server (a rollback, a catalog upgrade or a two-phase
 * Finish changes the stored file, and a stale draft would otherwise be deployed again by the next Deploy). Once edited,
 * the draft wins, and `stale` says the stored text changed under it, so the page can offer to load it.
 */
export function useDraft(server: string | undefined) {
  const [draft, setDraft] = useState<string | null>(null);
  // the server text the draft started from
  const [base, setBase] = useState<string | null>(null);
  // adjusting state while rendering (React's pattern for state derived from a changing prop), guarded so it settles
  if (server !== undefined && server !== base) {
    if (draft === null || draft === base || draft === server) setDraft(server);
    if (draft === null || draft === base || draft === server) setBase(server);
  }
  const stale = server !== undefined && draft !== null && base !== null && server !== base && draft !== server;
  return {
    draft,
    setDraft,
    stale,
    /** drop the edits and take the stored text */
    reload: () => {
      if (server === undefined) return;
      setDraft(server);
      setBase(server);
    },
  };
}
