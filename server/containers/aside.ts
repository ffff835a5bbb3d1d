/**
 * The one owner of the names Berth gives a container it sets aside while its replacement starts. The old container
 * is renamed, not removed, so its name (and, stopped, its host ports) are free for the new one and it can be put back
 * if the new one fails. Each kind of replacement tags the name, so what a crash left behind can be told apart later:
 *
 * - a stack deploy: `<name>-old-<8 hex of the operation id>`; the next deploy removes such leftovers (compose/plan.ts)
 * - a rolling upgrade: `<name>-old-up<8 hex>`, kept stopped until Finish or Rollback: the pending state lives on the host
 * - a health-check recreate: `<name>-old-hc<6 hex>`
 * - Edit & recreate of one container: `<name>-berth-old-<6 base-36>`, its replacement made as `<name>-berth-new-<same>`
 */
export const asideName = (name: string, tag: string) => `${name}-old-${tag}`;

export const deployTag = (opId: string) => opId.slice(0, 8);
export const upgradeTag = (opId: string) => `up${opId.replace(/-/g, '').slice(0, 8)}`;
export const healthTag = (opId: string) => `hc${opId.slice(0, 6)}`;

/** Edit & recreate's two names: the new container's until it takes the real name, and the old one's meanwhile. */
export function recreateNames(name: string, tag = Math.random().toString(36).slice(2, 8)): { temporary: string; aside: string } {
  return { temporary: `${name}-berth-new-${tag}`, aside: `${name}-berth-old-${tag}` };
}

const DEPLOY_ASIDE = /-old-[0-9a-f]{8}$/;
const UPGRADE_ASIDE = /^(.+)-old-up[0-9a-f]{8}$/;

/** Set aside by a stack deploy: still there at the next deploy, it is a leftover of an interrupted one. */
export const isDeployAside = (name: string) => DEPLOY_ASIDE.test(name);

/** The original name of a container a rolling upgrade set aside, or null. */
export const upgradeAsideOf = (name: string): string | null => UPGRADE_ASIDE.exec(name)?.[1] ?? null;

/** Set aside by any replacement: not one of a service's live replicas. */
export const isAside = (name: string) => /-old-/.test(name);
