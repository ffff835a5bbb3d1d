import type { HostInfo } from '@/lib/types';
import { negotiateApi, pinApi } from './api-version';
import { call } from './call';
import { type Engine, withTimeout } from './connect';
import { engineError, notDockerError } from './engine-errors';

export const CALL_TIMEOUT_MS = 5000;

type Opts = { abortSignal: AbortSignal };
interface WithOpts {
  info(o: Opts): Promise<Record<string, unknown>>;
  version(o: Opts): Promise<Record<string, unknown>>;
  ping(o: Opts): Promise<unknown>;
}

/** Engine /info and /version, reshaped. Used when a host is saved and by the heartbeat. */
export async function readHostInfo(engine: Engine, timeoutMs = CALL_TIMEOUT_MS): Promise<HostInfo> {
  try {
    return await withTimeout(timeoutMs, async (abortSignal) => {
      // dockerode accepts an abortSignal on these calls; its type definitions lag behind.
      const d = engine.docker as unknown as WithOpts;
      const [info, version] = await Promise.all([d.info({ abortSignal }), d.version({ abortSignal })]);
      // Any web server answers 200 somewhere; only an Engine's /version names its API and Engine versions.
      if (!isEngineVersion(version) || !info || typeof info !== 'object' || Buffer.isBuffer(info)) {
        throw notDockerError(engine.target, 200, 'its /version answer has no Engine or API version');
      }
      const api = negotiateApi(String(version.ApiVersion), engine.target);
      pinApi(engine, api);
      return {
        name: String(info.Name ?? ''),
        engineVersion: String(version.Version ?? info.ServerVersion ?? ''),
        apiVersion: String(version.ApiVersion ?? ''),
        berthApi: api,
        os: String(info.OperatingSystem ?? ''),
        osType: String(info.OSType ?? ''),
        arch: String(info.Architecture ?? ''),
        kernel: String(info.KernelVersion ?? ''),
        cpus: Number(info.NCPU ?? 0),
        memTotal: Number(info.MemTotal ?? 0),
        containers: Number(info.Containers ?? 0),
        containersRunning: Number(info.ContainersRunning ?? 0),
        containersPaused: Number(info.ContainersPaused ?? 0),
        containersStopped: Number(info.ContainersStopped ?? 0),
        images: Number(info.Images ?? 0),
        swarm: swarmRole(info.Swarm),
      };
    });
  } catch (e) {
    throw hostInfoError(e, engine.target);
  }
}

function swarmRole(s: unknown): 'manager' | 'worker' | null {
  const { LocalNodeState, ControlAvailable } = (s ?? {}) as { LocalNodeState?: string; ControlAvailable?: boolean };
  return LocalNodeState === 'active' ? (ControlAvailable ? 'manager' : 'worker') : null;
}

function isEngineVersion(v: unknown): boolean {
  if (!v || typeof v !== 'object' || Buffer.isBuffer(v)) return false;
  const { ApiVersion, Version } = v as Record<string, unknown>;
  return typeof ApiVersion === 'string' && /^\d+\.\d+/.test(ApiVersion) && typeof Version === 'string' && Version.length > 0;
}

/**
 * /info, /version and /_ping of a working Engine never answer with an HTTP error, so one that does is something else
 * (a web server, a proxy's error page): say so in our words rather than pass on a stranger's response body.
 */
function hostInfoError(e: unknown, target: string) {
  const status = (e as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number') return notDockerError(target, status);
  return engineError(e, target);
}

export async function ping(engine: Engine, timeoutMs = CALL_TIMEOUT_MS): Promise<void> {
  try {
    await withTimeout(timeoutMs, (abortSignal) => (engine.docker as unknown as WithOpts).ping({ abortSignal }));
  } catch (e) {
    throw hostInfoError(e, engine.target);
  }
}

/** The raw /info answer (daemon defaults such as the logging driver and runtime), with the usual read deadline. */
export function rawInfo(engine: Engine): Promise<Record<string, string>> {
  return call(engine, (abortSignal) => (engine.docker as unknown as WithOpts).info({ abortSignal }) as Promise<Record<string, string>>);
}
