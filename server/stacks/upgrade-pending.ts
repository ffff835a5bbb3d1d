import { projectContainers } from '../compose/host-state';
import { L } from '../compose/labels';
import { upgradeAsideOf as asideOf } from '../containers/aside';
import type { Engine } from '../docker/connect';

/**
 * Whether a two-phase upgrade waits for Finish or Rollback, read from the host (the set-aside old containers). Its own
 * module because a deploy asks it too (service.ts), and upgrade.ts builds on service.ts.
 */
export interface PendingUpgrade {
  service: string | null;
  /** set-aside old container → the name it goes back to */
  old: { id: string; name: string; originalName: string }[];
}

export async function pendingUpgrade(engine: Engine, stack: string): Promise<PendingUpgrade> {
  const all = await projectContainers(engine, stack);
  const old = all
    .map((c) => ({ c, name: (c.Names[0] ?? '').replace(/^\//, '') }))
    .filter(({ name }) => asideOf(name))
    .map(({ c, name }) => ({ id: c.Id, name, originalName: asideOf(name)!, service: c.Labels[L.service] }));
  return { service: old[0]?.service ?? null, old: old.map(({ id, name, originalName }) => ({ id, name, originalName })) };
}
