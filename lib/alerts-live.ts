import type { Alert } from './alert-types';
import type { LiveMessage } from './types';

/**
 * Applies live 'alert' messages to the list of firing alerts (the bell's): a firing alert is added or replaced, a
 * resolved one dropped. Undefined (leave the cache alone) until the list was fetched once.
 */
export function reduceFiringAlerts(old: Alert[] | undefined, msgs: LiveMessage[]): Alert[] | undefined {
  if (!old) return old;
  let map: Map<string, Alert> | null = null;
  for (const m of msgs) {
    if (m.type !== 'alert') continue;
    map ??= new Map(old.map((a) => [a.id, a]));
    if (m.alert.state === 'firing') map.set(m.alert.id, m.alert);
    else map.delete(m.alert.id);
  }
  return map ? [...map.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt)) : old;
}
