'use client';

/**
 * The host the user last chose in a create form (New stack, Launch, Pull, Build, Create volume/network), kept in this
 * browser so the next form starts there. Only a default: it never changes the host switcher (?host=).
 */
const KEY = 'berth.form-host';

export function rememberedHost(): string | null {
  if (typeof window === 'undefined') return null;
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled (private mode, policy): fall back to the local host
  }
}

export function rememberHost(id: string): void {
  try {
    if (id) window.localStorage.setItem(KEY, id);
  } catch {
    // as above: remembering is a convenience
  }
}
