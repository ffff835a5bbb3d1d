import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What scripts/harness/up.sh started for this run, as written to <harness dir>/env.json. */
export interface HarnessEnv {
  DOCKER_CLI: string;
  TEST_IMAGE: string;
  DOCKER_A_SOCKET: string;
  DOCKER_B_SOCKET: string;
  /** daemon C: Engine 26.1 (API 1.45), its docker 26 CLI, and Compose v2 (standalone binary, and a DOCKER_CONFIG
   * folder where it is the `docker compose` plugin) */
  DOCKER_C_SOCKET: string;
  DOCKER_C_CLI: string;
  COMPOSE_V2: string;
  DOCKER_CONFIG_V2: string;
  DOCKER_B_TCP_HOST: string;
  DOCKER_B_TCP_PORT: string;
  TLS_CA: string;
  TLS_CLIENT_CERT: string;
  TLS_CLIENT_KEY: string;
  TLS_WRONG_CA: string;
  TLS_WRONG_CLIENT_CERT: string;
  TLS_WRONG_CLIENT_KEY: string;
  TLS_EXPIRED_CLIENT_CERT: string;
  TLS_EXPIRED_CLIENT_KEY: string;
  PG_URL: string;
  SSH_HOST: string;
  SSH_PORT: string;
  SSH_USER: string;
  SSH_KEY: string;
  SSH_HOST_FINGERPRINT: string;
  /** loopback registries (scripts/harness/registry.sh): open, and with basic auth */
  REGISTRY_OPEN: string;
  REGISTRY_AUTH: string;
  REGISTRY_USER: string;
  REGISTRY_PASSWORD: string;
  REGISTRY_IMAGE: string;
  /** the three-node swarm (scripts/harness/swarm.sh); absent when up.sh ran with BERTH_HARNESS_SWARM=0 */
  SWARM_MANAGER_SOCKET?: string;
  SWARM_WORKER1_SOCKET?: string;
  SWARM_WORKER2_SOCKET?: string;
  /** the nodes' addresses, manager first, comma-separated */
  SWARM_NODE_ADDRS?: string;
  SWARM_CLI?: string;
  SWARM_ENGINE_VERSION?: string;
}

/** The three-node swarm the harness forms: one manager (the leader) and two workers, each dockerd in its own
 * network namespace with its own address on the harness bridge berth-sw0. */
export interface SwarmEnv {
  managerSocket: string;
  workerSockets: [string, string];
  /** manager, worker 1, worker 2: where host-mode published ports answer from the host */
  nodeAddrs: [string, string, string];
  cli: string;
  engineVersion: string;
}

export function swarmHarness(): SwarmEnv {
  const h = harness();
  const { SWARM_MANAGER_SOCKET: m, SWARM_WORKER1_SOCKET: w1, SWARM_WORKER2_SOCKET: w2, SWARM_NODE_ADDRS: addrs, SWARM_CLI: cli } = h;
  const nodeAddrs = addrs?.split(',') ?? [];
  // A failure, never a skip: a run without the swarm would pass while proving nothing about Swarm.
  if (!m || !w1 || !w2 || !cli || nodeAddrs.length !== 3) {
    throw new Error(
      `No swarm in the test harness at ${harnessDir()} (no SWARM_* keys in its env.json): it was started without its swarm ` +
        '(BERTH_HARNESS_SWARM=0), or `swarm.sh down` took it away, and the Swarm tests need it. Add it to the running ' +
        'harness with `bash scripts/harness/swarm.sh up` (as root, with the same BERTH_HARNESS_DIR), or start the ' +
        'harness again without BERTH_HARNESS_SWARM=0: `bash scripts/harness/down.sh && bash scripts/harness/up.sh`',
    );
  }
  return { managerSocket: m, workerSockets: [w1, w2], nodeAddrs: nodeAddrs as SwarmEnv['nodeAddrs'], cli, engineVersion: h.SWARM_ENGINE_VERSION ?? '' };
}

const harnessDir = () => process.env.BERTH_HARNESS_DIR ?? path.resolve(__dirname, '../.harness');

/** Shared by the integration tests and the Playwright specs. */
export function harness(): HarnessEnv {
  const dir = harnessDir();
  const file = path.join(dir, 'env.json');
  if (!fs.existsSync(file)) throw new Error(`No test harness at ${dir}: run \`bash scripts/harness/up.sh\` (npm test does it for you)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HarnessEnv;
}

export const read = (p: string) => fs.readFileSync(p, 'utf8');

/**
 * The daemon the Engine-touching suites run against: A (Engine 20.10, API 1.41) by default, C (Engine 26.1, API
 * 1.45) when BERTH_TEST_ENGINE=c, which the `integration-engine26` vitest project sets. One set of tests, two engines.
 */
export function engineUnderTest(): { key: 'a' | 'c'; label: string; socket: string } {
  const h = harness();
  return process.env.BERTH_TEST_ENGINE === 'c'
    ? { key: 'c', label: 'Engine 26.1', socket: h.DOCKER_C_SOCKET }
    : { key: 'a', label: 'Engine 20.10', socket: h.DOCKER_A_SOCKET };
}

/** The docker CLI, as a user would run it, against one of the harness daemons (daemon C and the swarm nodes with
 * the CLI of their Engine). */
export async function docker(socket: string, ...args: string[]): Promise<string> {
  const h = harness();
  const swarmSockets = [h.SWARM_MANAGER_SOCKET, h.SWARM_WORKER1_SOCKET, h.SWARM_WORKER2_SOCKET];
  const cli = socket === h.DOCKER_C_SOCKET ? h.DOCKER_C_CLI : h.SWARM_CLI && swarmSockets.includes(socket) ? h.SWARM_CLI : h.DOCKER_CLI;
  const { stdout } = await run(cli, ['-H', `unix://${socket}`, ...args], { timeout: 60_000 });
  return stdout.trim();
}

/** A TCP port nothing listens on, between 21000 and 41000 (for an app's published port). */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 21000 + Math.floor(Math.random() * 20000);
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 21000 and 41000');
}
