import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

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
  SSH_HOST: string;
  SSH_PORT: string;
  SSH_USER: string;
  SSH_KEY: string;
  SSH_HOST_FINGERPRINT: string;
}

export function harness(): HarnessEnv {
  const dir = process.env.BERTH_HARNESS_DIR ?? path.resolve(__dirname, '../.harness');
  return JSON.parse(fs.readFileSync(path.join(dir, 'env.json'), 'utf8')) as HarnessEnv;
}

export const read = (p: string) => fs.readFileSync(p, 'utf8');

export async function docker(socket: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(harness().DOCKER_CLI, ['-H', `unix://${socket}`, ...args], { timeout: 60_000 });
  return stdout.trim();
}

/** The name Berth gives the local socket on first start: the machine's host name. */
export function machineName(): string {
  return os.hostname().replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'local';
}

export function daemonPid(socket: string): number {
  return Number(fs.readFileSync(path.join(path.dirname(socket), 'dockerd.pid'), 'utf8'));
}
