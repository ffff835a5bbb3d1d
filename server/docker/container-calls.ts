import type Docker from 'dockerode';
import { apiOf, createOptionsFor } from './api-version';
import { bodyOnly, call, STOP_MS, WRITE_MS } from './call';
import type { Engine } from './connect';

/**
 * The container calls the use cases build on (launch, recreate, the compose steps, health helpers, stack actions),
 * each with its deadline. They answer in the Engine's own shapes: the callers read fields the domain types leave
 * out. Failures are BerthErrors naming the host (see call).
 */

/** Containers as the Engine lists them; `all` (default) includes stopped ones. */
export function rawContainers(engine: Engine, filters?: Record<string, string[]>, opts: { all?: boolean } = {}): Promise<Docker.ContainerInfo[]> {
  return call(engine, (abortSignal) =>
    engine.docker.listContainers({ all: opts.all ?? true, filters: filters ? JSON.stringify(filters) : undefined, abortSignal }),
  );
}

export function inspectRawContainer(engine: Engine, id: string): Promise<Docker.ContainerInspectInfo> {
  return call(engine, (abortSignal) => engine.docker.getContainer(id).inspect({ abortSignal }));
}

/** What /containers/create reads from the URL: the name and platform (everything else goes in the body only). */
const urlParams = (c: Docker.ContainerCreateOptions): Record<string, string> => ({
  ...(c.name ? { name: c.name } : {}),
  ...(c.platform ? { platform: c.platform } : {}),
});

/** Creates a container (not started) from create options as the pinned API wants them; returns its id. */
export async function createContainer(engine: Engine, create: Docker.ContainerCreateOptions, ms = WRITE_MS): Promise<string> {
  const c = await call(
    engine,
    (abortSignal) =>
      engine.docker.createContainer({ ...bodyOnly(createOptionsFor(create, apiOf(engine)), urlParams(create)), abortSignal } as Docker.ContainerCreateOptions),
    ms,
  );
  return c.id;
}

export async function startContainer(engine: Engine, id: string, ms = WRITE_MS): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getContainer(id).start({ abortSignal }), ms);
}

export async function stopContainer(engine: Engine, id: string, ms = STOP_MS): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getContainer(id).stop({ abortSignal }), ms);
}

export async function restartContainer(engine: Engine, id: string): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getContainer(id).restart({ abortSignal }), STOP_MS);
}

/** Removes a container, running or not; `volumes` also removes its anonymous volumes. */
export async function removeContainer(engine: Engine, id: string, opts: { volumes?: boolean; ms?: number } = {}): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getContainer(id).remove({ force: true, v: opts.volumes ?? false, abortSignal }), opts.ms ?? STOP_MS);
}

export async function renameContainer(engine: Engine, id: string, name: string): Promise<void> {
  await call(engine, (abortSignal) => engine.docker.getContainer(id).rename({ name, abortSignal }), WRITE_MS);
}

/** Waits for a container to exit, at most `ms`; its exit code. */
export async function waitContainer(engine: Engine, id: string, ms: number): Promise<{ StatusCode: number }> {
  return (await call(engine, (abortSignal) => engine.docker.getContainer(id).wait({ abortSignal }), ms)) as { StatusCode: number };
}
