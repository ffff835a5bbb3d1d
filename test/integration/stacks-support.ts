import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as list from '@/app/api/v1/hosts/[id]/stacks/route';
import * as one from '@/app/api/v1/hosts/[id]/stacks/[name]/route';
import * as action from '@/app/api/v1/hosts/[id]/stacks/[name]/[action]/route';
import * as adopt from '@/app/api/v1/hosts/[id]/stacks/[name]/adopt/route';
import * as deploy from '@/app/api/v1/hosts/[id]/stacks/[name]/deploy/route';
import * as exp from '@/app/api/v1/hosts/[id]/stacks/[name]/export/route';
import * as op from '@/app/api/v1/hosts/[id]/stacks/[name]/operations/[opId]/route';
import * as plan from '@/app/api/v1/hosts/[id]/stacks/[name]/plan/route';
import * as rollback from '@/app/api/v1/hosts/[id]/stacks/[name]/rollback/route';
import * as scale from '@/app/api/v1/hosts/[id]/stacks/[name]/scale/route';
import * as versions from '@/app/api/v1/hosts/[id]/stacks/[name]/versions/route';
import { docker, harness, params, req } from './support';

const run = promisify(execFile);

/**
 * No image registry is reachable here, so the images the seed files name (wordpress, mysql:5.7, redis:alpine…) do not
 * exist. The tests build local stand-ins instead: the harness busybox with a long sleep as its default command, tagged
 * with each name, so every service of a seed file runs as written (no command: overrides added).
 */
export const STAND_INS = [
  'wordpress:latest',
  'mysql:5.7',
  'redis:alpine',
  'flask-redis-demo:latest',
  'nginx:1.25',
  'postgres:9.6',
  'berth-stack-test:1',
  'berth-stack-test:2',
];

/** A long sleep that ends at once on SIGTERM (a bare sleep as PID 1 ignores it, and every stop would take 10 s). */
const CMD = `CMD ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]\n`;

export async function buildStandIns(socket: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-standin-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${harness().TEST_IMAGE}\n${CMD}`);
  await docker(socket, 'build', '-q', ...STAND_INS.slice(0, -1).flatMap((t) => ['-t', t]), dir);
  // a second image id for "image id changed"
  fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${harness().TEST_IMAGE}\nLABEL variant=2\n${CMD}`);
  await docker(socket, 'build', '-q', '-t', 'berth-stack-test:2', dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Untags the stand-ins (the layers stay in the build cache, so the next run builds them again in a second). */
export async function removeStandIns(socket: string): Promise<void> {
  await docker(socket, 'rmi', ...STAND_INS).catch(() => undefined);
}

/**
 * The compose client a user would pair with the daemon: Debian's docker-compose 1.29 for daemon A (Engine 20.10), and
 * Compose v2 as the `docker compose` plugin of the docker 26 CLI for daemon C (Engine 26.1), since 1.29 cannot drive
 * Engine >= 25 (it reads the image field ContainerConfig, which API 1.45 dropped: KeyError 'ContainerConfig').
 */
export function composeClient(socket: string): { version: 1 | 2; label: string } {
  return socket === harness().DOCKER_C_SOCKET ? { version: 2, label: 'docker compose v2.26' } : { version: 1, label: 'docker-compose 1.29' };
}

/**
 * The compose CLI of composeClient(socket), as a user runs it, against a harness daemon; stdout and stderr together.
 * An empty project or file leaves out -p or -f (v2 finds a project by label alone: `docker compose -p NAME ps`).
 */
export async function compose(socket: string, project: string, file: string, ...args: string[]): Promise<string> {
  const h = harness();
  const opts = [...(project ? ['-p', project] : []), ...(file ? ['-f', file] : []), ...args];
  const [cmd, argv, env] =
    composeClient(socket).version === 2
      ? [h.DOCKER_C_CLI, ['-H', `unix://${socket}`, 'compose', ...opts], { ...process.env, DOCKER_CONFIG: h.DOCKER_CONFIG_V2 }]
      : ['docker-compose', opts, { ...process.env, DOCKER_HOST: `unix://${socket}` }];
  const { stdout, stderr } = await run(cmd, argv, { env, timeout: 120_000 });
  return `${stdout}\n${stderr}`.trim();
}

export const fixture = (f: string) => fs.readFileSync(path.resolve(__dirname, '../fixtures/compose', f), 'utf8');

/** Calls the stack route handlers as the browser would. */
export function stackApi(host: () => string) {
  const base = () => `/api/v1/hosts/${host()}/stacks`;
  // every route gets the full set of segments; each reads the ones it has
  const p = (name = '', extra: { action?: string; opId?: string } = {}) => params({ id: host(), name, action: '', opId: '', ...extra });
  const post = (url: string, json: unknown) => req(url, { method: 'POST', json });
  return {
    list: () => list.GET(req(base()), p()),
    create: (json: unknown) => list.POST(post(base(), json), p()),
    get: (name: string) => one.GET(req(`${base()}/${name}`), p(name)),
    put: (name: string, json: unknown) => one.PUT(req(`${base()}/${name}`, { method: 'PUT', json }), p(name)),
    remove: (name: string) => one.DELETE(req(`${base()}/${name}`, { method: 'DELETE' }), p(name)),
    plan: (name: string, json: unknown = {}) => plan.POST(post(`${base()}/${name}/plan`, json), p(name)),
    deploy: (name: string, json: unknown = { wait: true }) => deploy.POST(post(`${base()}/${name}/deploy`, json), p(name)),
    scale: (name: string, json: unknown) => scale.POST(post(`${base()}/${name}/scale`, json), p(name)),
    action: (name: string, a: string, json: unknown = {}) => action.POST(post(`${base()}/${name}/${a}`, json), p(name, { action: a })),
    versions: (name: string) => versions.GET(req(`${base()}/${name}/versions`), p(name)),
    rollback: (name: string, json: unknown) => rollback.POST(post(`${base()}/${name}/rollback`, json), p(name)),
    export: (name: string) => exp.GET(req(`${base()}/${name}/export`), p(name)),
    adopt: (name: string) => adopt.POST(post(`${base()}/${name}/adopt`, {}), p(name)),
    operation: (name: string, opId: string, headers: Record<string, string> = {}) =>
      op.GET(req(`${base()}/${name}/operations/${opId}`, { headers }), p(name, { opId })),
  };
}

/** Names of a project's containers on the daemon, sorted. */
export async function projectNames(socket: string, project: string): Promise<string[]> {
  const out = await docker(socket, 'ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}}');
  return out ? out.split('\n').sort() : [];
}

export async function cleanupProject(socket: string, project: string): Promise<void> {
  const ids = await docker(socket, 'ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`).catch(() => '');
  if (ids) await docker(socket, 'rm', '-f', ...ids.split('\n')).catch(() => undefined);
  const nets = await docker(socket, 'network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`).catch(() => '');
  if (nets) await docker(socket, 'network', 'rm', ...nets.split('\n')).catch(() => undefined);
  const vols = await docker(socket, 'volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`).catch(() => '');
  if (vols) await docker(socket, 'volume', 'rm', '-f', ...vols.split('\n')).catch(() => undefined);
}
