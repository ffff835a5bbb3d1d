import Docker from 'dockerode';
import { SshDockerAgent, type SshTarget } from './ssh';

/** How to reach one Docker daemon, with secrets in the clear: lives only in memory inside server/. */
export type Connection =
  { kind: 'socket'; socketPath: string } | { kind: 'tcp'; host: string; port: number; ca: string; cert: string; key: string } | ({ kind: 'ssh' } & SshTarget);

export interface Engine {
  docker: Docker;
  /** how the daemon is named in messages, e.g. "unix:///var/run/docker.sock" or "tcp://10.0.0.5:2376" */
  target: string;
  close(): void;
}

/**
 * A daemon and the id of the host it is, as the reshaping calls need it: every row they return names its host. A
 * HostRuntime (server/live/host-runtime.ts) is one, so a runtime is passed alone, not beside its id.
 */
export interface HostEngine {
  readonly id: string;
  readonly engine: Engine;
}

export function describeTarget(c: Connection): string {
  switch (c.kind) {
    case 'socket':
      return `unix://${c.socketPath}`;
    case 'tcp':
      return `tcp://${c.host}:${c.port}`;
    case 'ssh':
      return `ssh://${c.username}@${c.host}:${c.port}${c.socketPath}`;
  }
}

/**
 * One dockerode client per host. No global request timeout is set, because the /events and log streams are long
 * and often idle; short calls pass an AbortSignal instead (see call in call.ts).
 */
export function connect(c: Connection): Engine {
  const target = describeTarget(c);
  switch (c.kind) {
    case 'socket':
      return { docker: new Docker({ socketPath: c.socketPath }), target, close() {} };
    case 'tcp': {
      const docker = new Docker({ protocol: 'https', host: c.host, port: c.port, ca: c.ca, cert: c.cert, key: c.key });
      return { docker, target, close() {} };
    }
    case 'ssh': {
      const agent = new SshDockerAgent(c);
      // The host name is a placeholder: every socket comes from the agent's SSH channel.
      const docker = new Docker({ protocol: 'http', host: 'docker', port: 80, agent } as Docker.DockerOptions);
      return { docker, target, close: () => agent.destroy() };
    }
  }
}

/**
 * Runs a short Engine call with a deadline, so that one slow daemon cannot hold up a caller. The primitive under
 * call() (call.ts), which also says failures as BerthErrors: use that, unless the raw dockerode error is needed (its
 * status code or the Engine's own words, as for host checks, registries and network refusals).
 */
export async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = Object.assign(new Error(`timed out after ${ms} ms`), { code: 'ETIMEDOUT' });
      ctl.abort(err);
      reject(err);
    }, ms);
  });
  try {
    return await Promise.race([run(ctl.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
