import type { SwarmFirstScreen } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import type { Principal } from '../auth/policy';
import { allows } from '../auth/policy';
import { listRawNodes, swarmInfo, swarmNodesOf } from '../docker/swarm';
import { environmentOf } from './environment';
import { firstServices } from './services';
import { stacksOn } from './stack-list';

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
 *
 * The page waits for this before its first byte, so it asks each thing of the Engine once, all at the same time:
 * /info (whether the host is a manager, for every part), /nodes (for both the environment and the node list), the
 * first services and the stacks. On a host that turns out not to be a manager the swarm readings just fail and are
 * dropped. (The API's routes, called one by one, each check /info on their own.)
 */
export async function swarmFirstScreen(b: Berth, p: Principal, hostId: string): Promise<SwarmFirstScreen | undefined> {
  const role = p.roleOn(hostId);
  if (!role || !allows(p, 'read', hostId)) return undefined;
  try {
    const host = b.fleet.reachable(hostId);
    const [info, rawNodes, services, stacks] = await Promise.allSettled([
      swarmInfo(host.engine),
      listRawNodes(host.engine),
      firstServices(b, host, FIRST_SERVICES),
      stacksOn(b, host),
    ]);
    if (info.status === 'rejected') return undefined;
    const selfId = info.value.NodeID ?? '';
    const nodes = rawNodes.status === 'fulfilled' ? swarmNodesOf(rawNodes.value, selfId) : undefined;
    const env = await environmentOf(b, host, info.value, () => (rawNodes.status === 'fulfilled' ? Promise.resolve(nodes!) : Promise.reject(rawNodes.reason)));
    const ok = <T>(r: PromiseSettledResult<T>) => (env.state === 'manager' && r.status === 'fulfilled' ? r.value : undefined);
    return asJson({
      hostName: host.record.name,
      role,
      env,
      nodes: env.state === 'manager' ? nodes : undefined,
      services: ok(services),
      stacks: ok(stacks),
      at: Date.now(),
    });
  } catch {
    return undefined;
  }
}
