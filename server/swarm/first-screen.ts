import type { SwarmFirstScreen } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import type { Principal } from '../auth/policy';
import { allows } from '../auth/policy';
import { swarmEnvironment } from './environment';
import { getSwarmNodes } from './nodes';
import { getServices } from './services';
import { listSwarmStacks } from './stack-list';

/**
 * Service rows that come with the HTML: about what a 1440×900 window shows below the environment, nodes and stacks.
 * Not all of them: 200 services made 490 KB of HTML and flight data, and every row more is text the browser lays out
 * before its first paint (P14, side by side: 25 rows painted 100–170 ms later than 10). The page fetches the rest.
 */
const FIRST_SERVICES = 10;

/** JSON in, JSON out: the page's queries hold what the API would have answered, not Dates or undefined fields. */
const asJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * The Swarm page's first screen, read on the server for the signed-in viewer so the tables come with the HTML
 * (bench/p14.ts: first render). Authorized as the API routes it stands in for ('read' on the host); anything that
 * fails (the host unreachable, quorum lost) gives undefined and the page asks the API as usual, which says why.
 * The four readings run side by side; on a host that turns out not to be a manager the other three just fail.
 */
export async function swarmFirstScreen(b: Berth, p: Principal, hostId: string): Promise<SwarmFirstScreen | undefined> {
  const role = p.roleOn(hostId);
  if (!role || !allows(p, 'read', hostId)) return undefined;
  try {
    const hostName = b.fleet.reachable(hostId).record.name;
    const [env, nodes, services, stacks] = await Promise.allSettled([
      swarmEnvironment(b, hostId),
      getSwarmNodes(b, hostId),
      getServices(b, hostId),
      listSwarmStacks(b, hostId),
    ]);
    if (env.status === 'rejected') return undefined;
    const ok = <T>(r: PromiseSettledResult<T>) => (env.value.state === 'manager' && r.status === 'fulfilled' ? r.value : undefined);
    const all = ok(services);
    const first = all && { rows: all.slice(0, FIRST_SERVICES), total: all.length };
    return asJson({ hostName, role, env: env.value, nodes: ok(nodes), services: first, stacks: ok(stacks), at: Date.now() });
  } catch {
    return undefined;
  }
}
