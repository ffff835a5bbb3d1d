import fs from 'node:fs/promises';
import path from 'node:path';
import type { Berth } from '../berth';
import type { Engine } from '../docker/connect';
import { addTag, inspectRawImage } from '../docker/images';
import { BerthError, invalid } from '../errors';
import { buildImage } from '../images/build';
import { BUILD_UPLOAD_MAX_BYTES } from '@/lib/schemas/build';
import { applyDockerignore, BUILD_DIGEST_LABEL, buildDigest, type ContextEntry, packEntries, readDirectory, subtree } from './build-context';
import { defaultBuildImage, v2BuildImage } from './build-spec';
import type { BuildSpec, ComposeModel } from './model';

/**
 * The build half of a deploy: before planning, each service with `build:` has its context read and digested and the
 * image on the host compared with it (prepareBuilds); during apply, the services the plan marks are built with the
 * image builder of server/images (runBuild), the digest written on the image as a label.
 */

export interface PreparedBuild {
  service: string;
  image: string;
  spec: BuildSpec;
  entries: ContextEntry[];
  digest: string;
  /** further names for the built image: Compose v2's `<project>-<service>` when the file has no `image:` */
  aliases: string[];
  /** why the image must be built now; null when the image on the host was built from exactly this */
  reason: string | null;
}

export interface BuildSources {
  /** the stack's uploaded folder archive, or null when none was uploaded */
  folder: () => Promise<{ name: string; entries: ContextEntry[] } | null>;
  /** BERTH_BUILD_CONTEXT_PATHS: server directories an absolute context may be in */
  allowedPaths: string[];
  stackName: string;
}

/** The build-digest label of an image on the host: undefined when the host lacks the image, null when it has no label. */
async function imageDigest(engine: Engine, ref: string): Promise<string | null | undefined> {
  try {
    const info = await inspectRawImage(engine, ref);
    return info.Config?.Labels?.[BUILD_DIGEST_LABEL] ?? null;
  } catch (e) {
    if ((e as BerthError).kind === 'not_found') return undefined;
    throw e;
  }
}

const inside = (dir: string, root: string) => dir === root || dir.startsWith(root.endsWith('/') ? root : `${root}/`);

/** An absolute context: a directory of the Berth server, only under BERTH_BUILD_CONTEXT_PATHS (it could hold Berth's own secrets). */
async function serverDirectory(service: string, context: string, allowed: string[]): Promise<ContextEntry[]> {
  const refuse = () =>
    invalid(
      `${service}: build context ${context} is a directory on the Berth server, which is allowed only under BERTH_BUILD_CONTEXT_PATHS (${allowed.length ? `now ${allowed.join(':')}` : 'not set'}); add it there, or use a relative context such as ./${path.basename(context)} and upload the stack's folder as an archive on the stack page`,
    );
  if (!allowed.length) throw refuse();
  let real: string;
  try {
    real = await fs.realpath(context);
  } catch {
    throw invalid(`${service}: build context ${context} does not exist on the Berth server`);
  }
  const roots = await Promise.all(allowed.map((r) => fs.realpath(r).catch(() => path.resolve(r))));
  if (!roots.some((r) => inside(real, r))) throw refuse();
  if (!(await fs.stat(real)).isDirectory()) throw invalid(`${service}: build context ${context} is not a directory`);
  return readDirectory(real, BUILD_UPLOAD_MAX_BYTES);
}

/**
 * Reads every build context of the model (or of `onlyService`) and decides which images need a build: missing on the
 * host, or built from something else (the digest label differs). A scale builds only a missing image, so new
 * replicas run what the others run. All problems are reported together, before anything on the host changes.
 */
export async function prepareBuilds(
  engine: Engine,
  model: ComposeModel,
  src: BuildSources,
  opts: { onlyService?: string } = {},
): Promise<Map<string, PreparedBuild>> {
  const out = new Map<string, PreparedBuild>();
  const problems: string[] = [];
  let folder: Awaited<ReturnType<BuildSources['folder']>> | undefined;
  for (const s of Object.values(model.services)) {
    if (!s.build || (opts.onlyService && opts.onlyService !== s.name)) continue;
    const spec = s.build;
    try {
      const have = await imageDigest(engine, s.image);
      // a scale adds replicas of what runs: with the image on the host there is nothing to read or build
      if (opts.onlyService && have !== undefined) continue;
      let entries: ContextEntry[];
      if (spec.context.startsWith('/')) entries = await serverDirectory(s.name, spec.context, src.allowedPaths);
      else {
        folder ??= await src.folder();
        if (!folder) {
          throw invalid(
            `${s.name} builds from "${spec.context}" in the stack's folder, but no folder was uploaded for stack ${src.stackName}: upload the project folder as a .tar or .tar.gz under "Stack folder" on the stack page (or POST it to /api/v1/hosts/{id}/stacks/${src.stackName}/folder)`,
          );
        }
        const sub = subtree(folder.entries, spec.context);
        if (!sub)
          throw invalid(`${s.name}: the stack's folder (${folder.name}) has no folder "${spec.context}" for build.context; upload an archive that has it`);
        entries = sub;
      }
      const dockerfile = spec.dockerfile ?? 'Dockerfile';
      entries = applyDockerignore(entries, dockerfile);
      if (!entries.some((e) => e.name === dockerfile && e.type === 'file')) {
        throw invalid(
          `${s.name}: there is no ${dockerfile} in the build context "${spec.context}"${spec.context.startsWith('/') ? '' : " of the stack's folder"}; add it or set build.dockerfile`,
        );
      }
      const digest = buildDigest(entries, spec);
      let reason: string | null = null;
      if (have === undefined) reason = `image ${s.image} is not on the host`;
      else if (have === null) reason = `image ${s.image} was not built by Berth from this context`;
      else if (have !== digest) reason = 'build context changed';
      // pull_policy: build builds on every deploy, also from an unchanged context (a scale, above, builds only a missing image)
      else if (s.pullPolicy === 'build') reason = 'pull_policy: build';
      const aliases = s.image === defaultBuildImage(src.stackName, s.name) ? [v2BuildImage(src.stackName, s.name)] : [];
      out.set(s.name, { service: s.name, image: s.image, spec, entries, digest, aliases, reason });
    } catch (e) {
      if (!(e instanceof BerthError) || e.kind !== 'invalid') throw e;
      problems.push(e.message);
    }
  }
  if (problems.length) throw invalid(`Nothing was changed: ${problems.join('; ')}`, { problems });
  return out;
}

/** What a build reports while it runs: its current step, and on failure the last lines of its log. */
export interface BuildProgress {
  step(message: string): void;
  note(message: string): void;
}

/**
 * Builds one prepared image on the host, tagged with the service's image name and labelled with its digest. A failing
 * step fails with the service, the image and the step named.
 */
export async function runBuild(b: Berth, hostId: string, p: PreparedBuild, progress: BuildProgress): Promise<string> {
  const context = await packEntries(p.entries);
  const tail: string[] = [];
  let lastStep = '';
  try {
    const r = await buildImage(
      b,
      hostId,
      { kind: 'archive', data: context },
      { tag: p.image, target: p.spec.target ?? undefined, dockerfile: p.spec.dockerfile ?? undefined, buildArgs: p.spec.args },
      {
        onLines: (lines) => {
          tail.push(...lines);
          tail.splice(0, Math.max(0, tail.length - 10));
        },
        onState: (s) => {
          const text = s.step ? `building ${p.image}: step ${s.step.n}/${s.step.of} ${s.step.text}` : '';
          if (text && text !== lastStep) progress.step((lastStep = text));
        },
      },
      { labels: { ...p.spec.labels, [BUILD_DIGEST_LABEL]: p.digest } },
    );
    const engine = b.fleet.reachable(hostId).engine;
    for (const alias of p.aliases) {
      await addTag(engine, r.id, alias, 'latest', 15_000);
    }
    return r.id;
  } catch (e) {
    for (const line of tail.filter((l) => l.trim()).slice(-5)) progress.note(`${p.service} build: ${line.slice(0, 300)}`);
    const err = e as BerthError;
    throw new BerthError(err.kind ?? 'engine', `${p.service}: building image ${p.image} failed: ${err.message}`);
  }
}
