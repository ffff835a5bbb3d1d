import type { SwarmNode } from '@/lib/swarm-types';
import type { EngineService, RawTask } from '../docker/service-calls';
import type { ServiceSpec } from './service-spec';

/**
 * Before a create: which nodes could run the service (ready, active, matching its constraints), and which of them
 * already hold a host-mode port it publishes. Pure, over the node, service and task lists read from the manager.
 */

/** Whether a node satisfies one constraint ("node.labels.zone==east"), as swarmkit matches it (values without case). */
export function matchesConstraint(n: SwarmNode, c: string): boolean {
  const m = /^\s*([^=!\s]+)\s*(==|!=)\s*(.*?)\s*$/.exec(c);
  if (!m) return true;
  const [, key, op, want] = m;
  let have: string | undefined;
  if (key === 'node.id') have = n.id;
  else if (key === 'node.hostname') have = n.hostname;
  else if (key === 'node.role') have = n.role;
  else if (key === 'node.platform.os') have = n.os;
  else if (key === 'node.platform.arch') have = n.arch;
  else if (key.startsWith('node.labels.')) have = n.labels[key.slice('node.labels.'.length)];
  // engine labels are not in the node view: such a node is counted as eligible (the Engine decides)
  else return true;
  const eq = have !== undefined && have.toLowerCase() === want.toLowerCase();
  return op === '==' ? eq : !eq;
}

export function eligibleNodes(nodes: SwarmNode[], spec: ServiceSpec): SwarmNode[] {
  const cs = spec.TaskTemplate?.Placement?.Constraints ?? [];
  return nodes.filter((n) => n.status === 'ready' && n.availability === 'active' && cs.every((c) => matchesConstraint(n, c)));
}

interface PortHolder {
  node: string;
  service: string;
}

/**
 * For each host-mode port the spec publishes with a fixed number, the eligible nodes that hold it: a task meant to
 * run there (its service publishes the port in host mode, or the task reports it bound), or a service publishing it
 * in ingress mode, which listens on every node. Ports with a free eligible node are left out.
 */
export function hostPortsTakenEverywhere(
  spec: ServiceSpec,
  eligible: SwarmNode[],
  services: EngineService<ServiceSpec>[],
  tasks: RawTask[],
): { port: string; holders: PortHolder[] }[] {
  const wanted = (spec.EndpointSpec?.Ports ?? []).filter((p) => p.PublishMode === 'host' && p.PublishedPort);
  if (!wanted.length || !eligible.length) return [];
  const byId = new Map(services.map((s) => [s.ID, s]));
  const out: { port: string; holders: PortHolder[] }[] = [];
  for (const w of wanted) {
    const proto = w.Protocol ?? 'tcp';
    const same = (p: { PublishedPort?: number; Protocol?: string; PublishMode?: string }, mode: string) =>
      p.PublishedPort === w.PublishedPort && (p.Protocol ?? 'tcp') === proto && (p.PublishMode ?? 'ingress') === mode;
    const ingress = services.find((s) => [...(s.Endpoint?.Ports ?? []), ...(s.Spec.EndpointSpec?.Ports ?? [])].some((p) => same(p, 'ingress')));
    const holders: PortHolder[] = [];
    for (const n of eligible) {
      if (ingress) {
        holders.push({ node: n.hostname, service: ingress.Spec.Name ?? ingress.ID });
        continue;
      }
      const task = tasks.find(
        (t) =>
          t.NodeID === n.id &&
          t.DesiredState === 'running' &&
          ((t.Status.PortStatus?.Ports ?? []).some((p) => same(p, 'host')) ||
            (byId.get(t.ServiceID)?.Spec.EndpointSpec?.Ports ?? []).some((p) => same(p, 'host'))),
      );
      if (!task) break;
      holders.push({ node: n.hostname, service: byId.get(task.ServiceID)?.Spec.Name ?? task.ServiceID });
    }
    if (holders.length === eligible.length) out.push({ port: `${w.PublishedPort}/${proto}`, holders });
  }
  return out;
}
