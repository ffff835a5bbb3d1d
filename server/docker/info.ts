import type { HostInfo } from '@/lib/types';
import { type Engine, withTimeout } from './connect';
import { engineError } from './engine-errors';

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
      return {
        name: String(info.Name ?? ''),
        engineVersion: String(version.Version ?? info.ServerVersion ?? ''),
        apiVersion: String(version.ApiVersion ?? ''),
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
      };
    });
  } catch (e) {
    throw engineError(e, engine.target);
  }
}

export async function ping(engine: Engine, timeoutMs = CALL_TIMEOUT_MS): Promise<void> {
  try {
    await withTimeout(timeoutMs, (abortSignal) => (engine.docker as unknown as WithOpts).ping({ abortSignal }));
  } catch (e) {
    throw engineError(e, engine.target);
  }
}
