import type { Readable } from 'node:stream';
import type { AuthConfig } from 'dockerode';
import { parseRef } from '@/lib/schemas/pull';
import type { TaskView } from '@/lib/types';
import type { Berth } from '../berth';
import { engineError } from '../docker/engine-errors';
import { inspectRawImage } from '../docker/images';
import { isRefusal, openPullStream } from '../docker/registry-calls';
import { registryError } from '../registries/errors';
import { authConfigOf, storedAuthFor } from '../registries/service';
import { readJsonLines } from '../tasks/json-lines';
import { startTask } from '../tasks/registry';
import { initialPullState, type PullEvent, pullFraction, type PullState, reducePull } from './pull-progress';

export interface PullOptions {
  /** credentials for this pull only (never stored, never logged); without them, the stored ones for the registry */
  auth?: { username: string; password: string };
  /** called after every progress message with the whole state so far */
  onProgress?: (state: PullState) => void;
}

export interface PullResult {
  ok: true;
  message: string;
  ref: string;
  /** the pulled image's id */
  id: string;
  digest: string | null;
  registry: string;
}

/**
 * Pulls `ref` onto a host: picks the stored credentials of the registry the reference names (or uses the ones given),
 * follows the Engine's progress stream into per-layer state, and fails with a message naming the registry and what to
 * do (image not found, credentials refused, registry unreachable). Other modules call it too ("pull if missing").
 */
export async function pullImage(b: Berth, hostId: string, ref: string, opts: PullOptions = {}): Promise<PullResult> {
  const rt = b.fleet.reachable(hostId);
  const { registry, repo, tag } = parseRef(ref);
  const auth: AuthConfig | null = opts.auth ? authConfigOf(registry, opts.auth.username, opts.auth.password) : await storedAuthFor(b, registry);
  const ctx = { registry, ref, hostName: rt.record.name, credentials: opts.auth ? ('given' as const) : auth ? ('stored' as const) : ('none' as const) };
  let stream: Readable;
  try {
    stream = await openPullStream(rt.engine, auth, repo, tag);
  } catch (e) {
    // A refusal before any progress arrives as an HTTP error with the Engine's message; no status means transport.
    if (!isRefusal(e)) throw e;
    throw registryError(e.message, ctx);
  }
  let state = initialPullState;
  await readJsonLines<PullEvent>(stream, (msg) => {
    state = reducePull(state, 'raw' in msg ? { status: String(msg.raw) } : msg);
    opts.onProgress?.(state);
  }).catch((e) => {
    throw engineError(e, rt.engine.target);
  });
  if (state.error) throw registryError(state.error, ctx);
  const full = `${repo}${tag.startsWith('sha256:') ? '@' : ':'}${tag}`;
  const img = await inspectRawImage(rt.engine, full);
  const fresh = /Downloaded newer image/.test(state.message ?? '');
  return {
    ok: true,
    message: `${fresh ? 'Pulled' : 'Image is up to date:'} ${full} on ${rt.record.name}`,
    ref: full,
    id: img.Id,
    digest: state.digest,
    registry,
  };
}

/** Starts a pull as a background task (per-layer progress in the task panel); answers at once with the task. */
export function startPullTask(
  b: Berth,
  hostId: string,
  ref: string,
  opts: { auth?: PullOptions['auth']; by?: string } = {},
): { task: TaskView; done: Promise<PullResult> } {
  // An unknown or offline host is refused at once, before any task exists.
  const hostName = b.fleet.reachable(hostId).record.name;
  return startTask(
    b,
    'pull',
    `Pull ${ref}`,
    hostId,
    async (report) => {
      report.message(`Pulling ${ref} on ${hostName}`);
      const r = await pullImage(b, hostId, ref, {
        auth: opts.auth,
        onProgress: (s) => {
          report.layers(s.layers);
          report.progress(pullFraction(s), s.message ?? undefined);
        },
      });
      report.message(r.message);
      return r;
    },
    { by: opts.by },
  );
}
