import type Docker from 'dockerode';
import type { Berth } from '../berth';
import type { Engine } from '../docker/connect';
import { inspectRawContainer } from '../docker/container-calls';
import { inspectRawVolume } from '../docker/volumes';
import { BerthError } from '../errors';
import {
  bindViolations,
  type ContainerPolicy,
  type ContainerReference,
  containerReferences,
  containerViolations,
  namedVolumes,
  volumeViolations,
} from './container-policy';
import type { Principal } from './policy';

/**
 * The policy judged on *effective* settings: a container that joins another's namespaces gets that container's
 * powers, and volumes_from copies its mounts, so the container named is looked up and judged too (and what it names,
 * a few levels deep). Named volumes are looked up for their driver options. The Engine is only read here.
 */
export interface Lookup {
  /** null when the Engine says there is no such container */
  container(ref: string): Promise<Docker.ContainerInspectInfo | null>;
  volume(name: string): Promise<{ Driver?: string; Options?: Record<string, string> | null } | null>;
}

export interface Judge {
  policy: ContainerPolicy;
  lookup: Lookup;
  /** containers the same deploy creates (a compose `service:` reference): each is judged by that deploy itself */
  pending?: ReadonlySet<string>;
}

const MAX_DEPTH = 4;

export function engineLookup(engine: Engine): Lookup {
  // a missing container or volume is an answer (null), not a failure
  const read = <T>(p: Promise<T>): Promise<T | null> => p.catch((e: BerthError) => (e.kind === 'not_found' ? null : Promise.reject(e)));
  return {
    container: (ref) => read(inspectRawContainer(engine, ref)),
    volume: (name) => read(inspectRawVolume(engine, name)),
  };
}

/** Everything wrong with create options, the containers and volumes they name included. */
export async function createViolations(opts: Docker.ContainerCreateOptions, j: Judge): Promise<string[]> {
  const out = containerViolations(opts, j.policy, 'create');
  for (const v of namedVolumes(opts)) {
    let driver = v.driver;
    let driverOpts = v.driverOpts;
    if (!driverOpts) {
      // a volume made earlier (by an admin, or with bind options) is judged by what it really mounts
      const existing = await j.lookup.volume(v.name);
      driver = existing?.Driver ?? driver;
      driverOpts = existing?.Options ?? undefined;
    }
    out.push(...volumeViolations({ Name: v.name, Driver: driver, DriverOpts: driverOpts }, j.policy));
  }
  out.push(...(await referenceViolations(containerReferences(opts), j, new Set(), 0)));
  return dedupe(out);
}

/** Everything wrong with a container as it runs: its settings, its actual mounts, and what it joined. */
export async function runningViolations(info: Docker.ContainerInspectInfo, j: Judge, seen = new Set<string>(), depth = 0): Promise<string[]> {
  seen.add(info.Id);
  // cgroupns is left out: Docker reports `host` for every container on a cgroup v1 machine, and without extra
  // capabilities the cgroup tree inside is read-only anyway
  const { CgroupnsMode: _cgroupns, Binds: _binds, Mounts: _mounts, ...hostConfig } = info.HostConfig as Docker.HostConfig & { CgroupnsMode?: string };
  const out = containerViolations({ HostConfig: hostConfig }, j.policy, 'inspect');
  out.push(...(await mountViolations(info, j)));
  const refs = containerReferences({ HostConfig: info.HostConfig, NetworkingConfig: undefined }).filter((r) => r.kind === 'join');
  out.push(...(await referenceViolations(refs, j, seen, depth)));
  return dedupe(out);
}

/** The mounts a container really has (volumes_from's copies included), as the Engine lists them. */
async function mountViolations(info: Docker.ContainerInspectInfo, j: Judge): Promise<string[]> {
  const out: string[] = [];
  for (const m of info.Mounts ?? []) {
    if (m.Type === 'bind' && m.Source) out.push(...bindViolations(m.Source, j.policy, 'bind mount'));
    if (m.Type === 'volume' && m.Name) {
      const v = await j.lookup.volume(m.Name);
      out.push(...volumeViolations({ Name: m.Name, Driver: v?.Driver ?? m.Driver, DriverOpts: v?.Options }, j.policy));
    }
  }
  return out;
}

async function referenceViolations(refs: ContainerReference[], j: Judge, seen: Set<string>, depth: number): Promise<string[]> {
  const out: string[] = [];
  for (const r of refs) {
    if (j.pending?.has(r.ref)) continue;
    const target = await j.lookup.container(r.ref);
    if (!target) {
      out.push(`${r.what} names container ${r.ref}, which does not exist on this host, so Berth cannot check what it would share`);
      continue;
    }
    if (seen.has(target.Id)) continue;
    if (depth >= MAX_DEPTH) {
      out.push(`${r.what} leads through more than ${MAX_DEPTH} containers joined to one another; only an admin may do that`);
      continue;
    }
    const name = target.Name.replace(/^\//, '');
    const problems = r.kind === 'join' ? await runningViolations(target, j, seen, depth + 1) : await mountViolations(target, j);
    if (problems.length) out.push(`${r.what} shares container ${name}, which has what an operator may not use (${problems.join('; ')})`);
  }
  return out;
}

const dedupe = (xs: string[]) => [...new Set(xs)];

export const policyOf = (b: Berth): ContainerPolicy => b.config.policy;

const judgeOn = (b: Berth, hostId: string, pending?: ReadonlySet<string>): Judge => ({
  policy: policyOf(b),
  lookup: engineLookup(b.fleet.reachable(hostId).engine),
  pending,
});

function refuse(violations: string[]): never {
  throw new BerthError('forbidden', `Only an admin may create this; change or remove: ${violations.join('; ')}`, { violations });
}

/** Throws a 403 listing every offending setting unless the principal is admin on the host. */
export async function enforceContainerPolicy(
  b: Berth,
  principal: Principal,
  hostId: string,
  opts: Docker.ContainerCreateOptions,
  pending?: ReadonlySet<string>,
): Promise<void> {
  if (principal.roleOn(hostId) === 'admin') return;
  const violations = await createViolations(opts, judgeOn(b, hostId, pending));
  if (violations.length) refuse(violations);
}

export async function enforceVolumePolicy(
  b: Berth,
  principal: Principal,
  hostId: string,
  opts: { Name?: string; Driver?: string; DriverOpts?: Record<string, string> },
): Promise<void> {
  if (principal.roleOn(hostId) === 'admin') return;
  const violations = volumeViolations(opts, policyOf(b));
  if (violations.length) refuse(violations);
}

/**
 * A shell inside a container has that container's powers, those of any container it joined, and its mounts, so an
 * operator may open one only where they could have created the container (not in one made by an admin, outside
 * Berth, or in Berth's own health agent). A container that cannot be inspected is refused: unknown is not safe.
 */
export async function enforceExecPolicy(b: Berth, principal: Principal, hostId: string, containerId: string): Promise<void> {
  if (principal.roleOn(hostId) === 'admin') return;
  const j = judgeOn(b, hostId);
  const info = await j.lookup.container(containerId).catch((e: Error) => {
    throw new BerthError(
      'forbidden',
      `Berth could not inspect container ${containerId} to check it (${e.message}), so it will not open a shell there; try again when the host answers`,
    );
  });
  if (!info) throw new BerthError('not_found', `There is no container ${containerId} on this host`);
  const violations = await runningViolations(info, j);
  if (violations.length)
    throw new BerthError('forbidden', `Only an admin may open a shell in this container: it runs with ${violations.join('; ')}`, { violations });
}
