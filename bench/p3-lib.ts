import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { EngineClient } from './lib/engine';
import { BENCH_ADMIN_PASSWORD, BENCH_LABEL, log, OUT_DIR, ROOT, sleep } from './lib/env';

/** Helpers shared by the P3 and stats-cycles benchmarks: CPU time from /proc, the Berth server, the container set. */

const CLK_TCK = 100; // getconf CLK_TCK on Linux x86-64 and arm64

/** utime + stime of one process (all its threads), in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}

const cmdline = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');

/**
 * The processes whose CPU time the Engine's work costs: dockerd of daemon A (pid from the harness), its containerd
 * child, and the containerd-shims of that containerd (they read the cgroups for every stats collection; reported
 * apart, since the target names dockerd + containerd).
 */
export function daemonProcs(socket: string): { dockerd: number; containerd: number; shims: () => number[] } {
  const dockerd = Number(fs.readFileSync(path.join(path.dirname(socket), 'dockerd.pid'), 'utf8'));
  let containerd = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === dockerd && fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'containerd') containerd = Number(d);
    } catch {
      // exited meanwhile
    }
  }
  if (!containerd) throw new Error(`no containerd child of dockerd ${dockerd}`);
  const cfg = cmdline(containerd);
  const address = path.join(path.dirname(cfg[cfg.indexOf('--config') + 1] ?? ''), 'containerd.sock');
  const shims = () =>
    fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((p) => {
        try {
          const c = cmdline(p);
          return c[0].endsWith('containerd-shim-runc-v2') && c[c.indexOf('-address') + 1] === address;
        } catch {
          return false;
        }
      });
  return { dockerd, containerd, shims };
}

/** CPU seconds of a set of pids now (a pid that exited counts 0). */
export function sumCpu(pids: number[]): number {
  let s = 0;
  for (const p of pids) {
    try {
      s += cpuSeconds(p);
    } catch {
      // exited
    }
  }
  return s;
}

export interface Server {
  url: string;
  pid: number;
  child: ChildProcess;
  /** headers that authenticate as the admin (a bearer token), empty when Berth has no sign-in */
  auth: Record<string, string>;
  stop(): Promise<void>;
}

const ADMIN_PASSWORD = BENCH_ADMIN_PASSWORD;

/**
 * Starts the production build (BERTH_NEXT_DIST_DIR, default .next) as `node --import tsx server.ts`, so the pid is
 * the server itself, with daemon A registered as the local socket and an admin made from BERTH_ADMIN_PASSWORD.
 */
export async function startServer(o: { port: number; socket: string; nodeArgs?: string[]; env?: Record<string, string> }): Promise<Server> {
  const dist = process.env.BERTH_NEXT_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(ROOT, dist, 'BUILD_ID')))
    throw new Error(`no production build in ${dist}: run \`BERTH_NEXT_DIST_DIR=${dist} npx next build\` first`);
  const dataDir = `/tmp/berth-bench-p3-${o.port}`;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const logFile = path.join(OUT_DIR, `server-${o.port}.log`);
  const out = fs.openSync(logFile, 'w');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(o.port),
    BERTH_BIND: '127.0.0.1',
    BERTH_DATA_DIR: dataDir,
    BERTH_AUTO_REGISTER: '1',
    DOCKER_HOST: `unix://${o.socket}`,
    NODE_ENV: 'production',
    BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BERTH_NEXT_DIST_DIR: dist,
    ...o.env,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), '--import', 'tsx', 'server.ts'], { cwd: ROOT, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${o.port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Berth exited with ${child.exitCode} while starting; see ${logFile}`);
    const r = await get(url, '/api/health').catch(() => null);
    if (r && r.status < 500) break;
    if (Date.now() - t0 > 90_000) throw new Error(`Berth did not answer within 90 s; see ${logFile}`);
    await sleep(250);
  }
  const auth = await signIn(url);
  log(`Berth up on ${url} (pid ${child.pid}, ${auth.authorization ? 'signed in as admin' : 'no sign-in'})`);
  return {
    url,
    pid: child.pid!,
    child,
    auth,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(t);
    },
  };
}

async function signIn(url: string): Promise<Record<string, string>> {
  const r = await request(url, 'POST', '/api/v1/auth/login', {}, { username: 'admin', password: ADMIN_PASSWORD }).catch(() => null);
  if (!r || r.status === 404) return {};
  if (r.status !== 200) throw new Error(`could not sign in as admin: ${r.status} ${r.body}`);
  return { authorization: `Bearer ${(JSON.parse(r.body) as { token: string }).token}` };
}

/**
 * A signed-in browser session (cookies) for pages, through the real sign-in form, as e2e/global-setup.ts does;
 * undefined when this Berth has no sign-in page.
 */
export async function browserSession(
  browser: import('playwright-core').Browser,
  url: string,
): Promise<import('playwright-core').BrowserContextOptions['storageState']> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const res = await page.goto(`${url}/login`);
  if (!res || res.status() === 404) {
    await ctx.close();
    return undefined;
  }
  await page.getByLabel('User name').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
  const state = await ctx.storageState();
  await ctx.close();
  return state;
}

export function request(
  url: string,
  method: string,
  p: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<{ status: number; body: string }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${p}`, { method, headers: { ...headers, ...(data ? { 'content-type': 'application/json', origin: url } : {}) } }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${p}: no answer in 30 s`)));
    req.end(data);
  });
}

export const get = (url: string, p: string, headers: Record<string, string> = {}) => request(url, 'GET', p, headers);

export const P3_PREFIX = 'berth-p3-';

/** `n` busybox containers running `sleep`, labelled as bench objects; returns their ids. */
export async function createSleepers(engine: EngineClient, image: string, n: number): Promise<string[]> {
  await removeSleepers(engine);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${P3_PREFIX}${String(i).padStart(3, '0')}`;
    const c = await engine.json<{ Id: string }>('POST', `/containers/create?name=${name}`, {
      Image: image,
      Cmd: ['sleep', '3600'],
      Labels: { [BENCH_LABEL]: '1' },
      HostConfig: { NetworkMode: 'none' },
    });
    await engine.json('POST', `/containers/${c.Id}/start`);
    ids.push(c.Id);
  }
  return ids;
}

export async function removeSleepers(engine: EngineClient): Promise<void> {
  const all = await engine.json<{ Id: string; Names: string[] }[]>(
    'GET',
    `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [`${BENCH_LABEL}=1`] }))}`,
  );
  for (const c of all.filter((x) => x.Names.some((n) => n.startsWith(`/${P3_PREFIX}`)))) await engine.request('DELETE', `/containers/${c.Id}?force=1`);
}

export { EngineClient };
