import type { PlannedContainer, PlannedResource, PlannedService, StackPlan } from '@/lib/compose-types';
import { isDeployAside } from '../containers/aside';
import { changedKeys, configHash, keyDigests, networkName, volumeName } from './labels';
import type { ComposeModel } from './model';
import { replicaName } from './service-keys';

/** One container of the project as found on the host (by its compose labels). */
export interface CurrentContainer {
  id: string;
  name: string;
  service: string;
  number: number;
  /** com.docker.compose.config-hash */
  hash: string;
  /** io.berth.config-keys, when Berth made it */
  keys?: string;
  /** the image id the container runs */
  imageId: string;
  state: string;
}

export interface CurrentState {
  containers: CurrentContainer[];
  networks: string[];
  volumes: string[];
  /** image reference → id on the host, for the images the file names (missing: not on the host) */
  imageIds: Record<string, string>;
}

export interface PlanOptions {
  /** scale: touch only this service, adding or removing replicas without recreating the others */
  onlyService?: string;
  /** service → why its image is built first (server/compose/build-run.ts prepareBuilds); its containers get the new image */
  builds?: Record<string, string>;
}

/** Why a container of the stack in state `created` is made anew rather than started (see planStack). */
export const NEVER_STARTED = 'left in Created by an interrupted deploy (never started)';

/** Model keys → the compose key a user wrote, for reasons like "environment changed". */
const KEY_NAMES: Record<string, string> = {
  extraHosts: 'extra_hosts',
  capAdd: 'cap_add',
  capDrop: 'cap_drop',
  workingDir: 'working_dir',
  stdinOpen: 'stdin_open',
  healthcheckDisabled: 'healthcheck',
  stopSignal: 'stop_signal',
  stopGracePeriod: 'stop_grace_period',
  resources: 'deploy.resources/mem_limit/mem_reservation/cpus/pids_limit',
  host: 'privileged/network_mode/pid/ipc/devices/security_opt/read_only/tmpfs/dns/sysctls/ulimits/init/shm_size',
  containerName: 'container_name',
  resourceKeys: 'memswap_limit/cpu_shares/cpu_quota/cpu_period/cpuset/oom_score_adj/oom_kill_disable',
  extra: 'dns_search/dns_opt/domainname/group_add/mac_address/external_links/volumes_from',
};

/**
 * What a deploy would do, pure: compares each service's wanted replicas and config hash with the containers the
 * host has for the project. A container is recreated when its hash differs (the reasons name the changed keys) or when
 * the image reference now points at another image id, or when it was never started (state `created`: an interrupted
 * deploy left it); extra replicas and services gone from the file are removed.
 */
export function planStack(project: string, model: ComposeModel, cur: CurrentState, opts: PlanOptions = {}): StackPlan {
  const byService = new Map<string, CurrentContainer[]>();
  // Containers a recreate set aside and a crash (Berth restart, lost host) left behind: removed by the next deploy.
  const leftovers = cur.containers.filter((c) => isDeployAside(c.name));
  for (const c of cur.containers) if (!isDeployAside(c.name)) byService.set(c.service, [...(byService.get(c.service) ?? []), c]);

  const networks: PlannedResource[] = Object.entries(model.networks).map(([key, n]) => {
    const name = networkName(project, model, key);
    return { key, name, action: n.external ? 'external' : cur.networks.includes(name) ? 'keep' : 'create' };
  });
  const volumes: PlannedResource[] = Object.entries(model.volumes).map(([key, v]) => {
    const name = volumeName(project, model, key);
    return { key, name, action: v.external ? 'external' : cur.volumes.includes(name) ? 'keep' : 'create' };
  });

  const services: PlannedService[] = [];
  for (const s of Object.values(model.services)) {
    const existing = (byService.get(s.name) ?? []).sort((a, b) => a.number - b.number);
    if (opts.onlyService && opts.onlyService !== s.name) {
      services.push({ name: s.name, image: s.image, replicas: existing.length, containers: existing.map((c) => keep(s.name, c)) });
      continue;
    }
    const hash = configHash(project, model, s);
    const keys = keyDigests(project, model, s);
    const build = opts.builds?.[s.name];
    const wantedImage = cur.imageIds[s.image];
    const containers: PlannedContainer[] = [];
    // Keep the lowest numbers; fill gaps before adding new numbers, as compose does.
    const keepers = existing.slice(0, s.replicas);
    const extra = existing.slice(s.replicas);
    for (const c of keepers) {
      const reasons: string[] = [];
      // Never started: a deploy died between its create and its start. Starting it is not safe: if the daemon died
      // during the start, containerd still holds a task for it and every start fails with "task … already exists".
      // A new container (a new id) has no such task; this one is removed once the deploy succeeded.
      if (c.state === 'created') reasons.push(NEVER_STARTED);
      if (!opts.onlyService && c.hash !== hash) {
        const changed = changedKeys(c.keys, keys);
        if (changed === null) reasons.push('config hash differs (made by another compose client)');
        else if (changed.length === 0) reasons.push('config hash changed');
        else reasons.push(...changed.map((k) => `${KEY_NAMES[k] ?? k} changed`));
      }
      if (!opts.onlyService && build) reasons.push(`image rebuilt (${build})`);
      else if (!opts.onlyService && wantedImage && c.imageId && c.imageId !== wantedImage)
        reasons.push(`image id changed (${s.image} is now ${wantedImage.replace('sha256:', '').slice(0, 12)})`);
      containers.push(reasons.length ? { action: 'recreate', service: s.name, number: c.number, name: c.name, containerId: c.id, reasons } : keep(s.name, c));
    }
    const used = new Set(keepers.map((c) => c.number));
    let n = 1;
    for (let i = keepers.length; i < s.replicas; i++) {
      while (used.has(n)) n++;
      used.add(n);
      containers.push({ action: 'create', service: s.name, number: n, name: replicaName(project, model, s.name, n), reasons: [] });
    }
    for (const c of extra) containers.push({ action: 'remove', service: s.name, number: c.number, name: c.name, containerId: c.id, reasons: ['scaled down'] });
    services.push({ name: s.name, image: s.image, replicas: s.replicas, containers, ...(build ? { build: { reason: build } } : {}) });
  }

  const orphans: PlannedContainer[] = leftovers.map((c) => ({
    action: 'remove',
    service: c.service,
    number: c.number,
    name: c.name,
    containerId: c.id,
    reasons: ['set aside by an interrupted deploy'],
  }));
  if (!opts.onlyService) {
    for (const [svc, list] of byService) {
      // a service given profiles is left running, as compose leaves it (its containers are not orphans)
      if (model.services[svc] || model.skippedProfiles?.[svc]) continue;
      for (const c of list)
        orphans.push({
          action: 'remove',
          service: svc,
          number: c.number,
          name: c.name,
          containerId: c.id,
          reasons: [`service ${svc} is no longer in the file`],
        });
    }
  }
  const all = [...services.flatMap((s) => s.containers), ...orphans];
  const count = (a: PlannedContainer['action']) => all.filter((c) => c.action === a).length;
  const skipped = Object.entries(model.skippedProfiles ?? {});
  return {
    project,
    networks,
    volumes,
    services,
    orphans,
    ...(skipped.length
      ? {
          notes: skipped.map(
            ([svc, p]) => `${svc} is not deployed: it has profiles (${p.join(', ')}) and Berth activates none, as compose up without --profile`,
          ),
        }
      : {}),
    summary: {
      create: count('create'),
      recreate: count('recreate'),
      remove: count('remove'),
      keep: count('keep'),
      networks: networks.filter((x) => x.action === 'create').length,
      volumes: volumes.filter((x) => x.action === 'create').length,
    },
  };
}

const keep = (service: string, c: CurrentContainer): PlannedContainer => ({
  action: 'keep',
  service,
  number: c.number,
  name: c.name,
  containerId: c.id,
  reasons: [],
});

/** Services in start order: each after everything it depends on (the model has no circles: the loader refuses them). */
export function startOrder(model: ComposeModel): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string) => {
    if (seen.has(n) || !model.services[n]) return;
    seen.add(n);
    for (const d of Object.keys(model.services[n].dependsOn)) visit(d);
    out.push(n);
  };
  Object.keys(model.services).forEach(visit);
  return out;
}
