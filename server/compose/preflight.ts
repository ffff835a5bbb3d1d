import type Docker from 'dockerode';
import type { StackPlan } from '@/lib/compose-types';
import { apiOf, speaks } from '../docker/api-version';
import type { Engine } from '../docker/connect';
import { rawContainers } from '../docker/container-calls';
import { imageIdOf } from '../docker/images';
import { BerthError } from '../errors';
import { containerOptions, volumeOptions } from './create-options';
import type { ComposeModel } from './model';
import type { CurrentState } from './plan';

export interface PreflightDeps {
  engine: Engine;
  hostName: string;
  /** pulls a missing image; absent or failing: the deploy is refused naming the image */
  pull?: (ref: string) => Promise<void>;
  /**
   * the container/volume policy checks (server/auth/policy-effective.ts) on the exact create options; `pending` names
   * the containers this deploy creates, which a `service:` namespace join or volumes_from may name before they exist
   */
  checkContainer: (opts: Docker.ContainerCreateOptions, pending: ReadonlySet<string>) => Promise<void>;
  checkVolume: (opts: { Name?: string; Driver?: string; DriverOpts?: Record<string, string> }) => Promise<void>;
  onNote?: (message: string) => void;
}

/** Host ports a service publishes at a fixed number, e.g. ["8080/tcp"]. */
export const fixedPorts = (model: ComposeModel, service: string) =>
  model.services[service].ports.filter((p) => p.published !== null).map((p) => `${p.hostIp ? p.hostIp + ':' : ''}${p.published}/${p.protocol}`);

/**
 * Everything checked before anything on the host changes: replicas vs fixed host ports, host ports held by other
 * containers (named), images present (or pulled), and the container policy on every create option. Throws one error
 * listing every problem, so a user fixes them all at once.
 */
export async function preflight(d: PreflightDeps, project: string, model: ComposeModel, plan: StackPlan, cur: CurrentState): Promise<void> {
  const problems: string[] = [];
  for (const s of plan.services) {
    const fixed = fixedPorts(model, s.name);
    if (s.replicas > 1 && fixed.length)
      problems.push(
        `${s.name} publishes host port ${fixed.join(', ')}, so it cannot run ${s.replicas} replicas (each would need the same port); remove the host port or keep 1 replica`,
      );
  }

  // Ports: who holds each fixed host port now, other than containers this deploy stops or keeps for the same service.
  const running = await rawContainers(d.engine, undefined, { all: false });
  const leaving = new Set(
    [...plan.services.flatMap((s) => s.containers), ...plan.orphans].filter((c) => c.action !== 'keep' && c.containerId).map((c) => c.containerId!),
  );
  const keptOwn = new Set(
    plan.services
      .flatMap((s) => s.containers)
      .filter((c) => c.action === 'keep' && c.containerId)
      .map((c) => c.containerId!),
  );
  const wanted = new Map<string, string>();
  for (const s of plan.services) {
    if (!s.containers.some((c) => c.action === 'create' || c.action === 'recreate')) continue;
    for (const p of model.services[s.name].ports) {
      if (p.published === null) continue;
      const key = `${p.published}/${p.protocol}`;
      const other = wanted.get(key);
      if (other && other !== s.name) problems.push(`host port ${key} is published by both ${other} and ${s.name}`);
      wanted.set(key, s.name);
      for (const c of running) {
        if (leaving.has(c.Id) || keptOwn.has(c.Id)) continue;
        const holds = (c.Ports ?? []).some((cp) => cp.PublicPort === p.published && (cp.Type ?? 'tcp') === p.protocol);
        if (holds)
          problems.push(
            `port ${p.published}/${p.protocol} on host ${d.hostName} is used by container ${(c.Names?.[0] ?? c.Id).replace(/^\//, '')}; stop it or publish ${s.name} on another port`,
          );
      }
    }
  }

  // container_name: the Engine would refuse the create with a bare name conflict halfway through the deploy
  const named = plan.services.filter((s) => model.services[s.name].containerName && s.containers.some((c) => c.action === 'create' || c.action === 'recreate'));
  if (named.length) {
    const own = new Set(cur.containers.map((c) => c.id));
    const all = await rawContainers(d.engine);
    for (const s of named) {
      const name = model.services[s.name].containerName!;
      const holder = all.find((c) => !own.has(c.Id) && (c.Names ?? []).includes(`/${name}`));
      if (holder)
        problems.push(
          `${s.name} sets container_name "${name}", but a container of that name already exists on host ${d.hostName} (${holder.State}, not part of this stack); remove or rename it, or change container_name`,
        );
    }
  }

  const missing: string[] = [];
  // an image this deploy builds (build: in the file) counts as present
  const built = new Set(plan.services.filter((s) => s.build).map((s) => s.image));
  for (const ref of new Set(Object.values(model.services).map((s) => s.image))) {
    if (cur.imageIds[ref] || built.has(ref)) continue;
    const never = Object.values(model.services)
      .filter((s) => s.image === ref && s.pullPolicy === 'never')
      .map((s) => s.name);
    if (never.length) {
      missing.push(
        `image ${ref} is not on host ${d.hostName}, and ${never.join(', ')} set${never.length === 1 ? 's' : ''} pull_policy: never, so Berth does not pull it; load it there (docker load) or build it on the host, or set pull_policy: missing to pull it`,
      );
      continue;
    }
    if (!d.pull) {
      missing.push(`image ${ref} is not on host ${d.hostName}; pull or build it there first`);
      continue;
    }
    try {
      d.onNote?.(`pulling ${ref}`);
      await d.pull(ref);
      const id = await imageIdOf(d.engine, ref);
      if (id) cur.imageIds[ref] = id;
      else missing.push(`image ${ref} is not on host ${d.hostName} and the pull did not provide it`);
    } catch (e) {
      // cause first and short, once per image: the Engine's full words are in the operation log and the server log
      const cause = ((e as BerthError).details as { cause?: string } | undefined)?.cause;
      missing.push(
        cause
          ? `${cause}: image ${ref} could not be pulled onto host ${d.hostName}`
          : `image ${ref} is not on host ${d.hostName} and could not be pulled: ${(e as Error).message}`,
      );
      if (cause) d.onNote?.(`pulling ${ref} failed: ${(e as Error).message}`);
    }
  }
  problems.push(...missing);
  // an older Engine ignores what it does not know: say so rather than let the setting vanish
  const early = speaks(d.engine, '1.44') ? [] : plan.services.filter((s) => model.services[s.name].healthcheck?.startInterval).map((s) => s.name);
  if (early.length)
    d.onNote?.(
      `${early.join(', ')}: healthcheck.start_interval needs Docker Engine 25 or newer (API 1.44); host ${d.hostName} speaks API ${apiOf(d.engine)}, so its Engine checks at the normal interval during start_period`,
    );
  if (problems.length) throw new BerthError('conflict', `Nothing was changed: ${problems.join('; ')}`, { problems });

  // The policy: every service and volume is checked, so one refusal names every offending setting of the file.
  const refused: string[] = [];
  const judge = async (what: string, check: () => Promise<void>) => {
    try {
      await check();
    } catch (e) {
      if ((e as BerthError).kind !== 'forbidden') throw e;
      const v = ((e as BerthError).details as { violations?: string[] } | undefined)?.violations ?? [(e as Error).message];
      for (const x of v.map((y) => (what ? `${what}: ${y}` : y))) if (!refused.includes(x)) refused.push(x);
    }
  };
  const made = plan.services.flatMap((s) => s.containers).filter((x) => x.action === 'create' || x.action === 'recreate');
  const pending = new Set(made.map((x) => x.name));
  for (const s of plan.services) {
    // replicas differ only in name and number, so one check per service judges them all
    const c = s.containers.find((x) => x.action === 'create' || x.action === 'recreate');
    if (c) await judge(s.name, () => d.checkContainer(containerOptions(project, model, model.services[s.name], c.number).create, pending));
  }
  for (const v of plan.volumes) if (v.action === 'create') await judge('', () => d.checkVolume(volumeOptions(project, model, v.key)));
  if (refused.length)
    throw new BerthError('forbidden', `Only an admin may deploy this; nothing was changed. Change or remove: ${refused.join('; ')}`, { violations: refused });
}

/**
 * pull_policy: always: pulls each such service's image before the deploy reads the host and plans, so a new image id
 * behind the same tag plans a recreate ("image id changed"). A failing pull fails the deploy before anything stops.
 * A scale (onlyService) pulls nothing: it adds replicas of the image the others run, and a new image there would
 * leave the service running two versions; a deploy brings the new image to all of them.
 */
export async function pullAlways(model: ComposeModel, pull: (ref: string) => Promise<void>, onNote: (m: string) => void, onlyService?: string): Promise<void> {
  if (onlyService) return;
  const refs = new Map<string, string[]>();
  for (const s of Object.values(model.services)) if (s.pullPolicy === 'always') refs.set(s.image, [...(refs.get(s.image) ?? []), s.name]);
  const failed: string[] = [];
  for (const [ref, services] of refs) {
    try {
      onNote(`pulling ${ref} (pull_policy: always)`);
      await pull(ref);
    } catch (e) {
      failed.push(`pulling image ${ref} failed (${services.join(', ')}: pull_policy: always): ${(e as Error).message}`);
    }
  }
  if (failed.length)
    throw new BerthError(
      'conflict',
      `Nothing was changed: ${failed.join('; ')}; check the image name and the registry, or set pull_policy: missing to use the image on the host`,
      { problems: failed },
    );
}
