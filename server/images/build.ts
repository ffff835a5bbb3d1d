import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { shortId } from '@/lib/format';
import type { BuildOptions } from '@/lib/schemas/build';
import type { TaskView } from '@/lib/types';
import type { Berth } from '../berth';
import { engineError } from '../docker/engine-errors';
import { isRefusal, openBuildStream } from '../docker/registry-calls';
import { BerthError, invalid } from '../errors';
import { listRegistryRecords } from '../registries/repo';
import { readJsonLines } from '../tasks/json-lines';
import { startTask, type TaskReport } from '../tasks/registry';
import {
  BUILDER_NOTE,
  BUILDKIT_HINT,
  type BuildEvent,
  buildFraction,
  type BuildState,
  describeBuildError,
  initialBuildState,
  needsBuildKit,
  reduceBuild,
} from './build-progress';
import { packed } from './pack';

/** What was uploaded: a Dockerfile alone, or a context archive (tar, or gzip-compressed tar, which the Engine reads). */
export type BuildSource = { kind: 'dockerfile'; text: Buffer } | { kind: 'archive'; data: Buffer };

export interface BuildResult {
  ok: true;
  message: string;
  id: string;
  tag: string | null;
}

const isGzip = (b: Buffer) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
const isTar = (b: Buffer) => b.length >= 512 && b.subarray(257, 262).toString('latin1') === 'ustar';
const ARCHIVE_NAME = /\.(tar|tar\.gz|tgz)$/i;

/** Tells a Dockerfile from a context archive by content (names lie), and refuses anything that is neither. */
export function sourceOf(name: string, data: Buffer): BuildSource {
  if (!data.length) throw invalid(`${name || 'The upload'} is empty: upload a Dockerfile or a .tar / .tar.gz context`);
  if (isGzip(data) || isTar(data)) return { kind: 'archive', data };
  if (ARCHIVE_NAME.test(name)) throw invalid(`${name} is not a tar or gzip-compressed tar archive: create it with "tar -czf context.tar.gz -C <dir> ."`);
  if (data.includes(0)) throw invalid(`${name || 'The upload'} is neither a Dockerfile (text) nor a .tar / .tar.gz context archive`);
  return { kind: 'dockerfile', text: data };
}

/** A Dockerfile alone becomes a one-file context, so COPY has nothing to copy but the build needs nothing else. */
export function dockerfileContext(text: Buffer): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile', mode: 0o644, mtime: new Date(0) }, text);
  return packed(pack);
}

/** Every stored registry login, so FROM lines naming a private registry pull with its credentials. */
async function registryConfig(b: Berth): Promise<Record<string, { username: string; password: string }> | undefined> {
  const entries = (await listRegistryRecords(b.db, b.box)).filter((r) => r.username && r.password);
  if (!entries.length) return undefined;
  return Object.fromEntries(entries.map((r) => [r.address, { username: r.username!, password: r.password! }]));
}

export interface BuildHooks {
  /** complete log lines as they arrive */
  onLines?: (lines: string[]) => void;
  onState?: (state: BuildState) => void;
}

/**
 * Builds an image on a host with the Engine's builder, streaming the log. A Dockerfile error reported before the
 * build starts and a failing step during it both fail with a message naming the problem (and the step).
 */
export async function buildImage(
  b: Berth,
  hostId: string,
  source: BuildSource,
  opts: BuildOptions,
  hooks: BuildHooks = {},
  extra: { labels?: Record<string, string> } = {},
): Promise<BuildResult> {
  const rt = b.fleet.reachable(hostId);
  const context = source.kind === 'dockerfile' ? await dockerfileContext(source.text) : source.data;
  const query: Record<string, unknown> = { rm: true, forcerm: true };
  if (opts.tag) query.t = opts.tag;
  if (opts.target) query.target = opts.target;
  if (opts.dockerfile && source.kind === 'archive') query.dockerfile = opts.dockerfile;
  if (opts.buildArgs && Object.keys(opts.buildArgs).length) query.buildargs = opts.buildArgs;
  // stack builds label the image with what it was built from (server/compose/build-run.ts)
  if (extra.labels && Object.keys(extra.labels).length) query.labels = extra.labels;
  const registryconfig = await registryConfig(b);
  if (registryconfig) query.registryconfig = registryconfig;
  let stream: Readable;
  try {
    stream = await openBuildStream(rt.engine, context as unknown as NodeJS.ReadableStream, query);
  } catch (e) {
    if (!isRefusal(e)) throw e;
    const msg = e.message.trim();
    if (needsBuildKit(msg)) throw invalid(`The build could not start: ${msg}. ${BUILDKIT_HINT}`);
    throw invalid(`The build could not start: ${msg}${/dockerfile|Dockerfile/.test(msg) ? '' : ' (check the Dockerfile and the context)'}`);
  }
  let state = initialBuildState;
  hooks.onLines?.([BUILDER_NOTE]);
  await readJsonLines<BuildEvent>(stream, (msg) => {
    state = reduceBuild(state, msg as BuildEvent);
    if (state.lines.length) {
      hooks.onLines?.(state.lines);
      state = { ...state, lines: [] };
    }
    hooks.onState?.(state);
  }).catch((e) => {
    throw engineError(e, rt.engine.target);
  });
  if (state.partial) hooks.onLines?.([state.partial]);
  if (state.error) throw new BerthError('invalid', describeBuildError(state));
  if (!state.imageId) throw new BerthError('engine', `The build on ${rt.record.name} ended without an image id: see the build log`);
  const what = opts.tag ? `${opts.tag} (${shortId(state.imageId)})` : `image ${shortId(state.imageId)}`;
  return { ok: true, message: `Built ${what} on ${rt.record.name} with the classic builder`, id: state.imageId, tag: opts.tag || null };
}

const report = (r: TaskReport): BuildHooks => ({
  onLines: (lines) => r.log(...lines),
  onState: (s) => (s.step ? r.progress(buildFraction(s), `Step ${s.step.n}/${s.step.of}: ${s.step.text}`) : undefined),
});

/** Starts a build as a background task: its log tail and step progress show in the task panel. */
export function startBuildTask(
  b: Berth,
  hostId: string,
  source: BuildSource,
  opts: BuildOptions,
  meta: { by?: string; fileName?: string } = {},
): { task: TaskView; done: Promise<BuildResult> } {
  b.fleet.reachable(hostId); // an unknown or offline host is refused at once, before any task exists
  const title = `Build ${opts.tag || meta.fileName || 'image'}`;
  return startTask(
    b,
    'build',
    title,
    hostId,
    async (r) => {
      const result = await buildImage(b, hostId, source, opts, report(r));
      r.message(result.message);
      return result;
    },
    { by: meta.by },
  );
}
