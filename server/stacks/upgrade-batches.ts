/**
 * Pure parts of a rolling upgrade: batching, and finding the containers an upgrade set aside. The old containers of
 * an upgrade are renamed `<name>-old-up<8 hex>` and kept stopped until Finish (removed) or Rollback (renamed back and
 * started), so the pending state lives on the host itself and survives a Berth restart.
 */
export function batches<T>(items: T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

export const upgradeTag = (opId: string) => `up${opId.replace(/-/g, '').slice(0, 8)}`;

const ASIDE = /^(.+)-old-up[0-9a-f]{8}$/;

/** The original name of a container an upgrade set aside, or null. */
export function asideOf(name: string): string | null {
  return ASIDE.exec(name)?.[1] ?? null;
}
