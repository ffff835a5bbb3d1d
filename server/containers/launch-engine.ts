import type Docker from 'dockerode';
import { type Engine, withTimeout } from '../docker/connect';
import { engineError } from '../docker/engine-errors';
import { rawContainers, rawUse } from '../docker/volumes';
import { BerthError, conflict, invalid, notFound, unreachable } from '../errors';

const SHORT_MS = 15_000;
const PULL_MS = 10 * 60_000;

/** Engine calls the launch and recreate steps make, each failing with a BerthError that names the problem. */
export async function call<T>(engine: Engine, run: (signal: AbortSignal) => Promise<T>, ms = 60_000): Promise<T> {
  try {
    return await withTimeout(ms, run);
  } catch (e) {
    throw engineError(e, engine.target);
  }
}

export async function hasImage(engine: Engine, ref: string): Promise<boolean> {
  try {
    await withTimeout(SHORT_MS, (abortSignal) => engine.docker.getImage(ref).inspect({ abortSignal } as Docker.ImageInspectOptions));
    return true;
  } catch (e) {
    const err = engineError(e, engine.target);
    if (err.kind === 'not_found') return false;
    throw err;
  }
}

/**
 * A plain pull, used until server/images/pull.ts (progress and stored registry credentials) exists. The Engine
 * reports a failed pull either as the HTTP status of the call or as an `error` line inside the progress stream.
 */
export async function plainPull(engine: Engine, ref: string): Promise<void> {
  await withTimeout(PULL_MS, async (abortSignal) => {
    const stream = (await engine.docker.pull(ref, { abortSignal })) as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) => {
      engine.docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => {
        const failed = err ?? out.find((o) => o.error);
        if (failed) reject(Object.assign(new Error(String((failed as { error?: string }).error ?? (failed as Error).message)), { pullMessage: true }));
        else resolve();
      });
    });
  });
}

/** Registry failures, read from the Engine's words: no route to any registry vs. a registry that lacks the image. */
export function pullError(e: unknown, ref: string, hostName: string): BerthError {
  const raw = e as { statusCode?: number; json?: { message?: string }; message?: string };
  const msg = String(raw?.json?.message ?? raw?.message ?? e);
  if (/no such host|connection refused|dial tcp|i\/o timeout|network is unreachable|TLS handshake timeout|timed? ?out|Client.Timeout/i.test(msg)) {
    return unreachable(`Image ${ref} is not on host ${hostName} and no registry could be reached (${msg.trim()}): pull or load it on that host, or check its network`);
  }
  if (/not found|manifest unknown|does not exist|repository .* not found/i.test(msg)) {
    return notFound(`Image ${ref} is not on host ${hostName} and its registry does not have it (${msg.trim()}): check the name and tag`);
  }
  if (/unauthorized|authentication required|denied/i.test(msg)) {
    return new BerthError('forbidden', `Image ${ref} is not on host ${hostName} and its registry refused the pull (${msg.trim()}): add the registry's credentials`);
  }
  return new BerthError('engine', `Image ${ref} is not on host ${hostName} and pulling it failed: ${msg.trim()}`);
}

/** Makes sure the image is on the host, pulling it when allowed. */
export async function ensureImage(engine: Engine, ref: string, pullIfMissing: boolean, hostName: string, pull = plainPull): Promise<{ pulled: boolean }> {
  if (await hasImage(engine, ref)) return { pulled: false };
  if (!pullIfMissing) throw invalid(`Image ${ref} is not on host ${hostName}: turn on "pull if missing", or pull it from the Images page first`);
  try {
    await pull(engine, ref);
  } catch (e) {
    const be = e as BerthError;
    if (be?.name === 'BerthError' && be.kind === 'unreachable' && !/registry/i.test(be.message)) throw be;
    throw pullError(e, ref, hostName);
  }
  return { pulled: true };
}

const PORT_IN_USE = /port is already allocated|address already in use/i;

/** The host port named in the Engine's "Bind for 0.0.0.0:8080 failed" or "listen tcp4 0.0.0.0:8080: bind" message. */
export function portOfBindError(msg: string): number | null {
  const m = /(?:Bind for|listen (?:tcp|udp|sctp)[46]?) \[?[0-9a-fA-F.:]*?\]?:(\d+)/.exec(msg);
  return m ? Number(m[1]) : null;
}

/**
 * Turns a failed start into a message a person can act on. For a host port in use the Engine says only "port is
 * already allocated", so the holder is found by listing containers' published ports.
 */
export async function explainStartFailure(engine: Engine, err: BerthError, hostName: string, selfId: string): Promise<BerthError> {
  if (!PORT_IN_USE.test(err.message)) return new BerthError(err.kind === 'unreachable' ? 'unreachable' : 'invalid', `The container could not start on host ${hostName}: ${err.message}`);
  const port = portOfBindError(err.message);
  if (port === null) return conflict(`A host port is already in use on host ${hostName} (${err.message}): choose another host port, or leave it empty for a random one`);
  const holders = (await rawContainers(engine).catch(() => [] as Docker.ContainerInfo[])).filter(
    (c) => c.Id !== selfId && (c.Ports ?? []).some((p) => p.PublicPort === port),
  );
  if (holders.length) {
    const names = holders.map((c) => rawUse(c).name).join(', ');
    return conflict(`Port ${port} on host ${hostName} is already used by container ${names}: choose another host port, or leave it empty for a random one`);
  }
  return conflict(`Port ${port} on host ${hostName} is already used by another program on that host: choose another host port, or leave it empty for a random one`);
}

/** "The container name is already in use" from the Engine, said with the name. */
export function explainCreateFailure(err: BerthError, name: string | undefined, hostName: string): BerthError {
  if (err.kind === 'conflict' && name && /already in use/i.test(err.message)) {
    return conflict(`A container named ${name} already exists on host ${hostName}: choose another name, or use "Edit & recreate" on that container`);
  }
  if (err.kind === 'invalid' || err.kind === 'not_found') return invalid(`Docker on host ${hostName} refused the settings: ${err.message}`);
  return err;
}

/** Removes a container this launch created, so a failed launch leaves nothing behind; never hides the first error. */
export async function removeQuietly(engine: Engine, id: string, removeVolumes: boolean): Promise<void> {
  await withTimeout(SHORT_MS * 2, (abortSignal) => engine.docker.getContainer(id).remove({ force: true, v: removeVolumes, abortSignal })).catch(() => undefined);
}
