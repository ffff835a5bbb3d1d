import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Summary, summarize } from './lib/stats';
import { freePort } from '../test/harness';
import { request, type Server } from './p3-lib';

/**
 * P8, the launch part: WordPress from the catalog with Berth vs the same rendered file with `docker compose up -d
 * --wait` (Compose v2 from the harness), on daemon A, which holds the harness's stand-in wordpress:6 and mariadb:11.
 *
 * Berth: `POST /api/v1/hosts/{id}/catalog/wordpress/deploy` with `wait: true` (what the Deploy button sends, minus
 * `wait`: the page follows the operation instead). Compose: the file from `POST /api/v1/catalog/wordpress/render` with
 * the same answers, passwords given explicitly, and a .env with the two passwords the file references, written before
 * the clock starts. Each run is timed from the request (or the command's start) to the first 200 from
 * http://127.0.0.1:<port>/wp-admin/install.php, polled every 100 ms from the start (see firstOk); when the API call or the command
 * returned is recorded too. Fresh stack names and free ports each run; everything (containers, network, volumes, the
 * Berth stack) removed after each run. One warm-up of each, not counted; then the two alternate, each going first in
 * turn.
 */

const run = promisify(execFile);
const PREFIX = 'berth-p8-';
const POLL_MS = 100;
const TIMEOUT_MS = 240_000;

export interface LaunchSample {
  side: 'berth' | 'compose';
  stack: string;
  port: number;
  /** first 200 from /wp-admin/install.php, from the start */
  ms: number;
  /** the API call (wait: true) or `docker compose up -d --wait` returned */
  returnedMs: number;
  /** from the start, by the Engine's clock: each container created and started, and MariaDB's last "ready for connections" */
  engine: Record<string, { createdMs: number; startedMs: number }> & { dbReadyMs?: number };
}

export interface LaunchRuns {
  samples: LaunchSample[];
  berth: Summary;
  compose: Summary;
  ratios: number[];
  ratioMedian: number;
  ratioOfMedians: number;
}

const status = (port: number) =>
  new Promise<number>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/wp-admin/install.php', agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });

/**
 * ms from t0 to the first 200 of the install page. A request is sent every POLL_MS without waiting for the one
 * before (a request can hang while Apache or PHP start, or while WordPress waits on its database), so the first 200
 * is seen within about POLL_MS of the page answering.
 */
function firstOk(port: number, t0: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let done = false;
    let inFlight = 0;
    const timer = setInterval(() => {
      if (done) return;
      if (performance.now() - t0 > TIMEOUT_MS) {
        done = true;
        clearInterval(timer);
        reject(new Error(`the install page on port ${port} did not answer 200 within ${TIMEOUT_MS / 1000} s`));
        return;
      }
      if (inFlight >= 40) return;
      inFlight++;
      void status(port).then((code) => {
        inFlight--;
        if (code === 200 && !done) {
          done = true;
          clearInterval(timer);
          resolve(performance.now() - t0);
        }
      });
    }, POLL_MS);
  });
}

/** Engine timestamps carry nanoseconds; Date keeps milliseconds only, so the fraction is read by hand. */
function engineMs(ts: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(ts);
  return m ? Date.parse(`${m[1]}Z`) + Number(m[2] ?? 0) * 1000 : Date.parse(ts);
}

/** Where the time went on the Engine's side, read before the stack is removed (see LaunchSample.engine). */
async function engineTimes(socket: string, project: string, wallStart: number): Promise<LaunchSample['engine']> {
  const docker = process.env.DOCKER_CLI ?? '/usr/bin/docker';
  const d = (...args: string[]) => run(docker, ['-H', `unix://${socket}`, ...args], { maxBuffer: 16 * 1024 * 1024 });
  const ids = (await d('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)).stdout.trim().split('\n').filter(Boolean);
  const out: LaunchSample['engine'] = {};
  if (!ids.length) return out;
  const info = JSON.parse((await d('inspect', ...ids)).stdout) as {
    Id: string;
    Created: string;
    State: { StartedAt: string };
    Config: { Labels: Record<string, string> };
  }[];
  for (const c of info) {
    const service = c.Config.Labels['com.docker.compose.service'];
    out[service] = { createdMs: Math.round(engineMs(c.Created) - wallStart), startedMs: Math.round(engineMs(c.State.StartedAt) - wallStart) };
    if (service === 'db') {
      const logs = await d('logs', '-t', c.Id);
      const ready = `${logs.stdout}\n${logs.stderr}`
        .split('\n')
        .filter((l) => l.includes('ready for connections'))
        .at(-1);
      if (ready) out.dbReadyMs = Math.round(engineMs(ready.split(' ')[0]) - wallStart);
    }
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number) => Math.round(x * 1000) / 1000;

export async function runLaunchRuns(o: { server: Server; socket: string; compose: string; runs: number; log: (m: string) => void }): Promise<LaunchRuns> {
  const { server: s, socket } = o;
  const api = async <T>(method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const r = await request(s.url, method, p, s.auth, body);
    if (r.status >= 400) throw new Error(`${method} ${p} → ${r.status}: ${r.body.slice(0, 500)}`);
    return { status: r.status, body: JSON.parse(r.body) as T };
  };
  const hosts = (await api<{ hosts: { id: string }[] }>('GET', '/api/v1/hosts')).body.hosts;
  if (!hosts.length) throw new Error('Berth registered no host for daemon A');
  const hostId = hosts[0].id;
  const env = { ...process.env, DOCKER_HOST: `unix://${socket}` };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-p8-'));
  const tag = Date.now().toString(36);
  const answers = (port: number) => ({
    public_port: port,
    db_name: 'wordpress',
    db_user: 'wordpress',
    // explicit, so both sides run with the same values (left empty, Berth would generate them)
    db_password: 'p8-bench-db-password-1',
    db_root_password: 'p8-bench-root-password-1',
  });

  const berthRun = async (stack: string): Promise<LaunchSample> => {
    const port = await freePort();
    const wall = Date.now();
    const t0 = performance.now();
    const ok = firstOk(port, t0);
    const r = await api('POST', `/api/v1/hosts/${hostId}/catalog/wordpress/deploy`, { stack, answers: answers(port), wait: true });
    const returnedMs = performance.now() - t0;
    if (r.status !== 201) throw new Error(`the deploy of ${stack} answered ${r.status}`);
    const ms = await ok;
    const engine = await engineTimes(socket, stack, wall);
    await api('POST', `/api/v1/hosts/${hostId}/stacks/${stack}/down`, { removeVolumes: true, wait: true });
    await api('DELETE', `/api/v1/hosts/${hostId}/stacks/${stack}`);
    return { side: 'berth', stack, port, ms, returnedMs, engine };
  };

  const composeRun = async (stack: string): Promise<LaunchSample> => {
    const port = await freePort();
    const a = answers(port);
    const { compose } = (await api<{ compose: string }>('POST', '/api/v1/catalog/wordpress/render', { answers: a })).body;
    const dir = path.join(tmp, stack);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'compose.yml'), compose);
    fs.writeFileSync(path.join(dir, '.env'), `db_password=${a.db_password}\ndb_root_password=${a.db_root_password}\n`);
    const dc = (...args: string[]) =>
      run(o.compose, ['-p', stack, '--project-directory', dir, '-f', path.join(dir, 'compose.yml'), ...args], { env, timeout: TIMEOUT_MS });
    const wall = Date.now();
    const t0 = performance.now();
    const ok = firstOk(port, t0);
    await dc('up', '-d', '--wait');
    const returnedMs = performance.now() - t0;
    const ms = await ok;
    const engine = await engineTimes(socket, stack, wall);
    await dc('down', '-v', '-t', '1');
    return { side: 'compose', stack, port, ms, returnedMs, engine };
  };

  o.log('P8 launch: warm-up (one of each, not counted)');
  await berthRun(`${PREFIX}warm-b-${tag}`);
  await composeRun(`${PREFIX}warm-c-${tag}`);
  const samples: LaunchSample[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const b = () => berthRun(`${PREFIX}b${i}-${tag}`);
    const c = () => composeRun(`${PREFIX}c${i}-${tag}`);
    const [x, y] = i % 2 === 0 ? [await b(), await c()] : [await c(), await b()];
    const berth = x.side === 'berth' ? x : y;
    const comp = x.side === 'compose' ? x : y;
    samples.push(x, y);
    ratios.push(berth.ms / comp.ms);
    const where = (e: LaunchSample['engine']) => `db started ${e.db?.startedMs} ms, ready ${e.dbReadyMs} ms; wordpress started ${e.wordpress?.startedMs} ms`;
    o.log(
      `P8 launch run ${i + 1}/${o.runs} (${x.side} first): Berth ${berth.ms.toFixed(0)} ms to the install page (API returned at ${berth.returnedMs.toFixed(0)} ms; ${where(berth.engine)}), compose ${comp.ms.toFixed(0)} ms (up --wait returned at ${comp.returnedMs.toFixed(0)} ms; ${where(comp.engine)}): ${(berth.ms / comp.ms).toFixed(2)}×`,
    );
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const berth = summarize(samples.filter((x) => x.side === 'berth').map((x) => x.ms));
  const compose = summarize(samples.filter((x) => x.side === 'compose').map((x) => x.ms));
  return { samples, berth, compose, ratios: ratios.map(round), ratioMedian: round(median(ratios)), ratioOfMedians: round(berth.p50 / compose.p50) };
}

/** Removes whatever a failed run left on daemon A: containers, networks and volumes of stacks named berth-p8-*. */
export async function cleanupLaunch(socket: string): Promise<void> {
  const docker = process.env.DOCKER_CLI ?? '/usr/bin/docker';
  const d = (...args: string[]) => run(docker, ['-H', `unix://${socket}`, ...args]).then((r) => r.stdout.trim().split('\n').filter(Boolean));
  const ids = await d('ps', '-aq', '--filter', `name=${PREFIX}`);
  if (ids.length) await d('rm', '-f', '-v', ...ids);
  const nets = (await d('network', 'ls', '--format', '{{.Name}}')).filter((n) => n.startsWith(PREFIX));
  if (nets.length) await d('network', 'rm', ...nets);
  const vols = (await d('volume', 'ls', '--format', '{{.Name}}')).filter((n) => n.startsWith(PREFIX));
  if (vols.length) await d('volume', 'rm', ...vols);
}
