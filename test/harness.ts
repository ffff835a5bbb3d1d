import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What scripts/harness/up.sh started for this run, as written to <harness dir>/env.json. */
export interface HarnessEnv {
  DOCKER_CLI: string;
  TEST_IMAGE: string;
  DOCKER_A_SOCKET: string;
  DOCKER_B_SOCKET: string;
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
}

/** Shared by the integration tests and the Playwright specs. */
export function harness(): HarnessEnv {
  const dir = process.env.BERTH_HARNESS_DIR ?? path.resolve(__dirname, '../.harness');
  const file = path.join(dir, 'env.json');
  if (!fs.existsSync(file)) throw new Error(`No test harness at ${dir}: run \`bash scripts/harness/up.sh\` (npm test does it for you)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HarnessEnv;
}

export const read = (p: string) => fs.readFileSync(p, 'utf8');

/** The docker CLI, as a user would run it, against one of the harness daemons. */
export async function docker(socket: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(harness().DOCKER_CLI, ['-H', `unix://${socket}`, ...args], { timeout: 60_000 });
  return stdout.trim();
}
