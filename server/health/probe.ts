import type Docker from 'dockerode';
import type { Engine } from '../docker/connect';
import { createContainer, removeContainer, startContainer, waitContainer } from '../docker/container-calls';
import { failureMessage, timeoutSeconds } from './agent-script';
import type { BerthHealthSpec } from '@/lib/schemas/health';

/**
 * One probe of one container, run INSIDE the container's network namespace by a short-lived helper container
 * (`NetworkMode: container:<id>`) made from a busybox image: `wget` for HTTP, `nc` for TCP. The check therefore sees
 * the service the way its peers on the Docker network do (no published port needed), and it works the same for hosts
 * reached over a socket, TCP+TLS or SSH, since only the Engine API is used. See ARCHITECTURE.md "Health checks and
 * upgrades" for why this beats a long-lived sidecar.
 */
export const probeConfig = {
  /** needs busybox's wget and nc; `busybox:latest` is the image most hosts have or can pull */
  image: process.env.BERTH_HEALTH_PROBE_IMAGE || 'busybox:latest',
  /** `agent` (default): one long-lived agent per host runs each round's probes in one exec (agent.ts); `helper`: one
   * short-lived helper container per probe (below), also the fallback where the agent cannot run */
  mode: (process.env.BERTH_HEALTH_PROBE_MODE === 'helper' ? 'helper' : 'agent') as 'agent' | 'helper',
};

export const PROBE_LABEL = 'io.berth.health-probe';

export interface ProbeResult {
  ok: boolean;
  error: string | null;
  /** the probe image is not on the host: no verdict on the container (probe-image.ts pulls it) */
  missingImage?: boolean;
  /** Berth could not run the probe (agent gone, Engine busy): no verdict on the container either */
  noVerdict?: boolean;
}

/**
 * The helper's command: argument arrays only. busybox wget fails on 4xx/5xx and follows redirects (2xx/3xx pass).
 * No `wget -T` (it crashes Debian's static busybox 1.35) and no `timeout` applet (it exits 0 when it kills): the
 * response timeout is enforced by how long Berth waits for the helper to exit.
 */
export function probeCommand(spec: Pick<BerthHealthSpec, 'type' | 'port' | 'path' | 'response_timeout'>): string[] {
  const secs = String(timeoutSeconds(spec.response_timeout));
  if (spec.type === 'tcp') return ['nc', '-w', secs, '127.0.0.1', String(spec.port)];
  return ['wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${spec.port}${spec.path}`];
}

/** Slack for creating and starting the helper, on top of the response timeout. */
const START_SLACK_MS = 3000;

export async function probe(engine: Engine, containerId: string, spec: BerthHealthSpec): Promise<ProbeResult> {
  const create: Docker.ContainerCreateOptions = {
    Image: probeConfig.image,
    Cmd: probeCommand(spec),
    Labels: { [PROBE_LABEL]: containerId },
    HostConfig: { NetworkMode: `container:${containerId}`, LogConfig: { Type: 'json-file', Config: {} } },
  };
  let id: string | null = null;
  try {
    id = await createContainer(engine, create, 15_000);
    await startContainer(engine, id, 15_000);
    let res: { StatusCode: number };
    try {
      res = await waitContainer(engine, id, spec.response_timeout + START_SLACK_MS);
    } catch {
      return { ok: false, error: `no answer on port ${spec.port} within ${spec.response_timeout} ms` };
    }
    if (res.StatusCode === 0) return { ok: true, error: null };
    return { ok: false, error: failureMessage(spec) };
  } catch (e) {
    const msg = (e as Error).message;
    if (/no such image/i.test(msg))
      return {
        ok: false,
        missingImage: true,
        error: `the probe image ${probeConfig.image} (BERTH_HEALTH_PROBE_IMAGE) is not on this host; Berth pulls it on the next check`,
      };
    return { ok: false, error: `probe could not run: ${msg.slice(0, 200)}` };
  } finally {
    if (id) await removeContainer(engine, id, { ms: 15_000 }).catch(() => undefined);
  }
}
