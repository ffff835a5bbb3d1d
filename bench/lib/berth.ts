import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { BENCH_ADMIN_PASSWORD, benchAuth, type HarnessEnv, log, OUT_DIR, ROOT, sleep } from './env';

export interface BerthServer {
  url: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
  agent: http.Agent;
}

/** GET/POST to Berth with node's http; returns the raw body so callers can time the read and the parse apart. */
export function berthRequest(s: BerthServer, method: string, p: string, body?: unknown): Promise<{ status: number; body: Buffer }> {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${s.url}${p}`,
      { method, agent: s.agent, headers: { ...benchAuth, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${p}: Berth did not answer in 60 s`)));
    req.end(data);
  });
}

export async function berthJson<T>(s: BerthServer, method: string, p: string, body?: unknown): Promise<T> {
  const r = await berthRequest(s, method, p, body);
  if (r.status >= 400) throw new Error(`${method} ${p} → ${r.status}: ${r.body.toString('utf8')}`);
  return JSON.parse(r.body.toString('utf8')) as T;
}

function portInUse(port: number): boolean {
  const out = execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' });
  return out.trim().length > 0;
}

/**
 * Starts the production build like e2e/serve.sh does, but as `node --import tsx server.ts` so that the child's pid
 * IS the server process (the tsx CLI would put a wrapper node process in between, and mem would measure the wrapper).
 */
export async function startBerth(port: number, dataDir: string): Promise<BerthServer> {
  const dist = process.env.BERTH_NEXT_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(ROOT, dist, 'BUILD_ID')))
    throw new Error(`no production build in ${dist}: run \`BERTH_NEXT_DIST_DIR=${dist} npx next build\` first`);
  if (portInUse(port)) throw new Error(`port ${port} is already in use: stop what listens there or pass --port=N`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const logFile = path.join(OUT_DIR, 'server.log');
  const out = fs.openSync(logFile, 'w');
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    BERTH_BIND: '127.0.0.1',
    BERTH_DATA_DIR: dataDir,
    BERTH_AUTO_REGISTER: '0',
    NODE_ENV: 'production',
    BERTH_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
  };
  // SQLite in the private data dir, and no "local" host: only the two hosts the bench registers.
  delete env.DOCKER_HOST;
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const s: BerthServer = { url: `http://127.0.0.1:${port}`, pid: child.pid!, child, logFile, agent: new http.Agent({ keepAlive: true, maxSockets: 8 }) };
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Berth exited with ${child.exitCode} while starting; see ${logFile}`);
    try {
      if ((await berthRequest(s, 'GET', '/api/health')).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > 90_000) throw new Error(`Berth did not answer /api/health within 90 s; see ${logFile}`);
    await sleep(250);
  }
  const login = await berthRequest(s, 'POST', '/api/v1/auth/login', { username: 'admin', password: BENCH_ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`could not sign in as the bench admin: ${login.status} ${login.body.toString('utf8')}`);
  benchAuth.authorization = `Bearer ${(JSON.parse(login.body.toString('utf8')) as { token: string }).token}`;
  log(`Berth up on ${s.url} (pid ${s.pid}) in ${((Date.now() - t0) / 1000).toFixed(1)} s, signed in as admin`);
  return s;
}

export async function stopBerth(s: BerthServer): Promise<void> {
  s.agent.destroy();
  if (s.child.exitCode !== null) return;
  const exited = new Promise<void>((r) => s.child.once('exit', () => r()));
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
  log(`Berth (pid ${s.pid}) stopped`);
}

export interface Hosts {
  a: string;
  b: string;
}

/** Registers daemon A by socket and daemon B over TCP with mutual TLS, through the public API as a user would. */
export async function registerHosts(s: BerthServer, env: HarnessEnv): Promise<Hosts> {
  const read = (f: string) => fs.readFileSync(f, 'utf8');
  const a = await berthJson<{ host: { id: string } }>(s, 'POST', '/api/v1/hosts', { kind: 'socket', name: 'a', socketPath: env.DOCKER_A_SOCKET });
  const b = await berthJson<{ host: { id: string } }>(s, 'POST', '/api/v1/hosts', {
    kind: 'tcp',
    name: 'b',
    host: env.DOCKER_B_TCP_HOST,
    port: Number(env.DOCKER_B_TCP_PORT),
    ca: read(env.TLS_CA),
    cert: read(env.TLS_CLIENT_CERT),
    key: read(env.TLS_CLIENT_KEY),
  });
  return { a: a.host.id, b: b.host.id };
}

interface ListBody {
  containers: { name: string; state: string }[];
  unavailable: unknown[];
}

/** Waits until Berth's cache shows the whole fleet in its final states, so no benchmark measures the initial sync. */
export async function waitSynced(s: BerthServer, hosts: Hosts, prefix: string, total: number, running: number): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const [a, b] = await Promise.all([
      berthJson<ListBody>(s, 'GET', `/api/v1/containers?host=${hosts.a}`),
      berthJson<ListBody>(s, 'GET', `/api/v1/containers?host=${hosts.b}`),
    ]);
    const mine = a.containers.filter((c) => c.name.startsWith(prefix));
    const up = mine.filter((c) => c.state === 'running').length;
    if (!a.unavailable.length && !b.unavailable.length && mine.length === total && up === running) {
      log(
        `Berth's cache holds ${a.containers.length} containers on A (${mine.length} bench, ${up} running) and B is synced, after ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      return;
    }
    if (Date.now() - t0 > 120_000)
      throw new Error(
        `Berth's cache did not converge in 120 s: ${mine.length}/${total} bench containers, ${up}/${running} running, unavailable=${JSON.stringify([...a.unavailable, ...b.unavailable])}`,
      );
    await sleep(500);
  }
}

/** VmRSS / VmHWM of one process, in KiB, from /proc (what the kernel charges the process, not V8's own view). */
export function procMem(pid: number): { rssKiB: number; hwmKiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM') };
}

/** Descendants of pid (Next could fork workers; esbuild is tsx's), so the report says whether RSS is all of it. */
export function descendants(pid: number): { pid: number; comm: string; rssKiB: number }[] {
  const parent = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const out: { pid: number; comm: string; rssKiB: number }[] = [];
  const walk = (p: number) => {
    for (const [c, pp] of parent) {
      if (pp !== p) continue;
      try {
        out.push({ pid: c, comm: fs.readFileSync(`/proc/${c}/comm`, 'utf8').trim(), rssKiB: procMem(c).rssKiB });
      } catch {
        continue;
      }
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** The pid that owns the listening socket, as `ss -ltnp` reports it: proof that mem reads the right process. */
export function listenerPid(port: number): number | null {
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const m = /pid=(\d+)/.exec(out);
  return m ? Number(m[1]) : null;
}
