import type { Readable } from 'node:stream';
import type { AuthConfig } from 'dockerode';
import { type Engine, withTimeout } from './connect';
import { engineError } from './engine-errors';

/**
 * The Engine calls that reach out to a registry or a builder: pull, build, the manifest check and the login test.
 * Their failures are mostly the registry's or the Dockerfile's, so the Engine's own words come back for the caller
 * to phrase (server/registries/errors.ts, server/images/build.ts) instead of a generic engine message.
 */

/** The Engine answered the request with a refusal (an HTTP status): `message` is its own words. */
export interface EngineRefusal extends Error {
  refused: true;
  statusCode: number;
}

export const isRefusal = (e: unknown): e is EngineRefusal => (e as { refused?: boolean } | null)?.refused === true;

const enginesWords = (e: unknown): string => {
  const err = e as { json?: { message?: string }; message?: string };
  return err?.json?.message ?? err?.message ?? String(e);
};

/**
 * Opens a progress stream with no deadline, on purpose: a pull or build lasts as long as its layers or steps take,
 * and the caller reads the stream to its end. A refusal before any progress comes back as an EngineRefusal; no
 * status means the transport failed (a BerthError naming the host).
 */
async function openProgress(engine: Engine, open: () => Promise<unknown>): Promise<Readable> {
  try {
    return (await open()) as Readable;
  } catch (e) {
    const status = (e as { statusCode?: number })?.statusCode;
    if (!status) throw engineError(e, engine.target);
    throw Object.assign(new Error(enginesWords(e)), { refused: true as const, statusCode: status }) as EngineRefusal;
  }
}

/** POST /images/create: the pull's JSON progress stream. */
export const openPullStream = (engine: Engine, auth: AuthConfig | null, repo: string, tag: string): Promise<Readable> =>
  openProgress(engine, () => engine.docker.createImage(auth ?? undefined, { fromImage: repo, tag }));

/** POST /build with a tar context: the legacy builder's JSON progress stream. */
export const openBuildStream = (engine: Engine, context: NodeJS.ReadableStream, query: Record<string, unknown>): Promise<Readable> =>
  openProgress(engine, () => engine.docker.buildImage(context, query));

/**
 * Whether the host can pull `ref`, asked without pulling (GET /distribution/{name}/json: the manifest descriptor,
 * fetched from the host as a pull would). Null when it can; otherwise the Engine's words, or "timed out".
 */
export async function distributionProblem(engine: Engine, ref: string, auth: AuthConfig | null, ms: number): Promise<string | null> {
  try {
    await withTimeout(ms, () => engine.docker.getImage(ref).distribution(auth ? { authconfig: auth } : {}));
    return null;
  } catch (e) {
    return (e as { code?: string }).code === 'ETIMEDOUT' ? 'timed out' : enginesWords(e);
  }
}

/** POST /auth: the host's Engine logs in to a registry. Fails with the Engine's (or the transport's) own words. */
export async function engineLogin(engine: Engine, auth: AuthConfig, ms: number): Promise<{ Status?: string }> {
  try {
    return (await withTimeout(ms, () => engine.docker.checkAuth(auth))) as { Status?: string };
  } catch (e) {
    throw new Error(enginesWords(e));
  }
}
