/**
 * Pure parts of a rolling upgrade: batching. The names of the containers an upgrade sets aside (kept stopped until
 * Finish or Rollback, so the pending state lives on the host and survives a Berth restart) are server/containers/aside.ts's.
 */
export { upgradeAsideOf as asideOf, upgradeTag } from '../containers/aside';

export function batches<T>(items: T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}
