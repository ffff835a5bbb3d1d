import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { type BrowserContextOptions, chromium } from 'playwright-core';
import { EngineClient } from './lib/engine';
import { BENCH_LABEL, log, OUT_DIR, ROOT, sleep } from './lib/env';
import { machine } from './lib/report';
import { browserSession, get, request } from './p3-lib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

/**
 * P6 (issue #15 point 12): first-load JavaScript per page. For every page of app/(app), signed in as the admin:
 *
 * - **first load**: the scripts the server-rendered HTML of the navigation response references (`<script src>`,
 *   `<link rel="preload" as="script">`, `<link rel="modulepreload">`), each fetched and gzip-compressed with node's zlib
 *   at level 6 (gzip's default), summed. Target: ≤ 200 KiB per page. Not counted: `<script nomodule>` (Next's
 *   legacy-browser polyfills, ~39 KiB gzip, which browsers with ES modules never fetch); the JSON keeps it apart.
 * - **all JS by idle**, reported apart so nobody is fooled: every script the page fetched until no script request was
 *   made for 2 s (lazy chunks of next/dynamic and import(), and any route prefetch of the router).
 *
 * Needs a production build; pages that need a host get daemon A (DOCKER_A_SOCKET, or --socket=PATH) registered as the
 * local socket, plus one sleeping container from TEST_IMAGE (or --image=) for the container and terminal pages, and a
 * saved (not deployed) stack for the stack page. With no socket Berth runs with no hosts and those pages are skipped.
 *
 *   BERTH_NEXT_DIST_DIR=.next-p6 npx tsx bench/p6.ts [--port=3360] [--socket=/path/docker.sock] [--image=busybox-ref]
 */
export const P6_TARGET_KIB = 200;
const GZIP_LEVEL = 6;
const ADMIN_PASSWORD = 'bench-admin-password-1';
const STACK = 'berth-p6-stack';
const QUIET_MS = 2000;
const CONTAINER = 'berth-p6';

interface Script {
  url: string;
  raw: number;
  gzip: number;
}

export interface PageResult {
  page: string;
  path: string;
  finalPath: string;
  status: number;
  firstLoad: { scripts: Script[]; rawKiB: number; gzipKiB: number; pass: boolean; nomodule: Script[] };
  byIdle: { scripts: Script[]; rawKiB: number; gzipKiB: number; notInFirstLoad: string[] };
}

const kib = (b: number) => Math.round((b / 1024) * 10) / 10;

function flags(argv: string[]): { port: number; socket: string | undefined; image: string | undefined } {
  const f = new Map(
    argv
      .map((a) => /^--([a-z-]+)=(.*)$/.exec(a))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  return { port: Number(f.get('port') ?? 3360), socket: f.get('socket') ?? process.env.DOCKER_A_SOCKET, image: f.get('image') ?? process.env.TEST_IMAGE };
}

/**
 * The script URLs an HTML document references, in document order, without duplicates. `<script nomodule>` (Next's
 * polyfills for browsers without ES modules) is listed apart: every browser Berth supports skips it.
 */
export function referencedScripts(html: string, base: string): { scripts: string[]; nomodule: string[] } {
  const attr = (tag: string, name: string) =>
    new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)')`, 'i')
      .exec(tag)
      ?.slice(1)
      .find((x) => x !== undefined);
  const out: string[] = [];
  const nomodule: string[] = [];
  for (const m of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const tag = m[0];
    let href: string | undefined;
    const script = m[1].toLowerCase() === 'script';
    if (script) href = attr(tag, 'src');
    else {
      const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
      if (rel.includes('modulepreload') || (rel.includes('preload') && (attr(tag, 'as') ?? '').toLowerCase() === 'script')) href = attr(tag, 'href');
    }
    if (!href) continue;
    const url = new URL(href.replace(/&amp;/g, '&'), base).href;
    const list = script && /\snomodule(?:[\s=>]|$)/i.test(tag) ? nomodule : out;
    if (!list.includes(url)) list.push(url);
  }
  return { scripts: out.filter((u) => !nomodule.includes(u)), nomodule };
}

async function startServer(port: number, socket: string | undefined): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const dist = process.env.BERTH_NEXT_DIST_DIR || '.next';
  if (!fs.existsSync(path.join(ROOT, dist, 'BUILD_ID')))
    throw new Error(`no production build in ${dist}: run \`BERTH_NEXT_DIST_DIR=${dist} npx next build\` first`);
  const dataDir = `/tmp/berth-bench-p6-${port}`;
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const logFile = path.join(OUT_DIR, `server-${port}.log`);
  const out = fs.openSync(logFile, 'w');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    BERTH_BIND: '127.0.0.1',
    BERTH_DATA_DIR: dataDir,
    NODE_ENV: 'production',
    BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BERTH_NEXT_DIST_DIR: dist,
  };
  delete env.DATABASE_URL;
  if (socket) Object.assign(env, { BERTH_AUTO_REGISTER: '1', DOCKER_HOST: `unix://${socket}` });
  else {
    env.BERTH_AUTO_REGISTER = '0';
    delete env.DOCKER_HOST;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], { cwd: ROOT, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Berth exited with ${child.exitCode} while starting; see ${logFile}`);
    const r = await get(url, '/api/health').catch(() => null);
    if (r && r.status < 500) break;
    if (Date.now() - t0 > 90_000) throw new Error(`Berth did not answer within 90 s; see ${logFile}`);
    await sleep(250);
  }
  log(`Berth up on ${url} from ${dist} (pid ${child.pid}, ${socket ? `host ${socket}` : 'no hosts'})`);
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(t);
  };
  return { url, child, stop };
}

/** Each script fetched once and compressed once: pages share most of their chunks. */
function sizer(cookie: string): (url: string) => Promise<Script> {
  const cache = new Map<string, Promise<Script>>();
  return (url) => {
    let p = cache.get(url);
    if (!p) {
      p = fetch(url, { headers: { cookie } }).then(async (r) => {
        if (!r.ok) throw new Error(`GET ${url} → ${r.status}`);
        const body = Buffer.from(await r.arrayBuffer());
        return { url, raw: body.length, gzip: zlib.gzipSync(body, { level: GZIP_LEVEL }).length };
      });
      cache.set(url, p);
    }
    return p;
  };
}

/** The pages to measure: every route of app/(app), with ids taken from what this Berth has. */
async function pages(url: string, auth: Record<string, string>): Promise<{ page: string; path: string }[]> {
  const list = [
    { page: '/ (redirects to /containers)', path: '/' },
    { page: '/containers', path: '/containers' },
    { page: '/containers/new', path: '/containers/new' },
    { page: '/hosts', path: '/hosts' },
  ];
  const hosts = (JSON.parse((await get(url, '/api/v1/hosts', auth)).body) as { hosts?: { id: string }[] }).hosts ?? [];
  const host = hosts[0]?.id;
  let container: string | undefined;
  if (host) {
    list.push({ page: '/hosts/[id]', path: `/hosts/${encodeURIComponent(host)}` });
    // the host's container list answers from Berth's cache, which fills once the host has synced
    for (let i = 0; i < 60 && !container; i++) {
      const body = JSON.parse((await get(url, `/api/v1/containers?host=${encodeURIComponent(host)}`, auth)).body) as {
        containers?: { id: string; name: string }[];
        unavailable?: unknown[];
      };
      container = (body.containers?.find((c) => c.name === CONTAINER) ?? body.containers?.[0])?.id;
      if (!container && !body.unavailable?.length && i >= 8) break;
      if (!container) await sleep(250);
    }
    if (container) {
      const c = `/hosts/${encodeURIComponent(host)}/containers/${container}`;
      list.push({ page: '/hosts/[id]/containers/[cid]', path: c }, { page: '/hosts/[id]/containers/[cid]/terminal', path: `${c}/terminal` });
    }
  }
  list.push(
    { page: '/images', path: '/images' },
    { page: '/volumes', path: '/volumes' },
    { page: '/networks', path: '/networks' },
    { page: '/stacks', path: '/stacks' },
    { page: '/stacks/new', path: '/stacks/new' },
  );
  if (host) {
    // saved, not deployed: the stack page renders its editor without touching the Engine
    const r = await request(url, 'POST', `/api/v1/hosts/${encodeURIComponent(host)}/stacks`, auth, {
      name: STACK,
      compose: 'services:\n  web:\n    image: busybox\n',
      env: '',
      deploy: false,
    });
    if (r.status < 300) list.push({ page: '/stacks/[host]/[name]', path: `/stacks/${encodeURIComponent(host)}/${STACK}` });
    else log(`P6: could not save a stack (${r.status} ${r.body.slice(0, 200)}); the stack page is skipped`);
  }
  list.push(
    { page: '/catalog', path: '/catalog' },
    { page: '/catalog/[template]', path: '/catalog/wordpress' },
    { page: '/activity', path: '/activity' },
    { page: '/users', path: '/users' },
    { page: '/settings', path: '/settings' },
  );
  return list;
}

async function measure(
  browser: import('playwright-core').Browser,
  state: BrowserContextOptions['storageState'],
  url: string,
  p: { page: string; path: string },
  size: (u: string) => Promise<Script>,
): Promise<PageResult> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: state });
  const page = await ctx.newPage();
  const seen: string[] = [];
  let pending = 0;
  let last = Date.now();
  page.on('request', (r) => {
    if (r.resourceType() !== 'script') return;
    if (!seen.includes(r.url())) seen.push(r.url());
    pending++;
    last = Date.now();
  });
  const done = (r: import('playwright-core').Request) => {
    if (r.resourceType() !== 'script') return;
    pending--;
    last = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  const res = await page.goto(`${url}${p.path}`, { waitUntil: 'load', timeout: 60_000 });
  if (!res) throw new Error(`${p.path}: no navigation response`);
  const html = await res.text();
  const t0 = Date.now();
  while ((pending > 0 || Date.now() - last < QUIET_MS) && Date.now() - t0 < 30_000) await sleep(100);
  const finalPath = new URL(page.url()).pathname;
  await ctx.close();
  const refs = referencedScripts(html, res.url());
  const first = await Promise.all(refs.scripts.map(size));
  const nomodule = await Promise.all(refs.nomodule.map(size));
  const all = await Promise.all(seen.filter((u) => u.startsWith(url)).map(size));
  const sum = (s: Script[], k: 'raw' | 'gzip') => kib(s.reduce((a, x) => a + x[k], 0));
  const firstUrls = new Set(first.map((s) => s.url));
  return {
    ...p,
    finalPath,
    status: res.status(),
    firstLoad: { scripts: first, rawKiB: sum(first, 'raw'), gzipKiB: sum(first, 'gzip'), pass: sum(first, 'gzip') <= P6_TARGET_KIB, nomodule },
    byIdle: {
      scripts: all,
      rawKiB: sum(all, 'raw'),
      gzipKiB: sum(all, 'gzip'),
      notInFirstLoad: all.filter((s) => !firstUrls.has(s.url)).map((s) => s.url.replace(url, '')),
    },
  };
}

export function markdownP6(rows: PageResult[]): string {
  return [
    `| page | first-load JS, gzip (raw) | scripts | target | result | all JS fetched by idle, gzip (scripts) |`,
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.page} | **${r.firstLoad.gzipKiB.toFixed(1)} KiB** (${r.firstLoad.rawKiB.toFixed(1)} KiB) | ${r.firstLoad.scripts.length} | ≤ ${P6_TARGET_KIB} KiB | ${r.firstLoad.pass ? '**PASS**' : '**FAIL**'} | ${r.byIdle.gzipKiB.toFixed(1)} KiB (${r.byIdle.scripts.length}) |`,
    ),
  ].join('\n');
}

export async function runP6(argv: string[]): Promise<PageResult[]> {
  const f = flags(argv);
  const startedAt = new Date().toISOString();
  const machineInfo = machine(f.socket ?? '/var/run/docker.sock');
  const engine = f.socket ? new EngineClient(f.socket) : null;
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let browser: import('playwright-core').Browser | null = null;
  try {
    if (engine && f.image) await sleeper(engine, f.image);
    server = await startServer(f.port, f.socket);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const login = await request(server.url, 'POST', '/api/v1/auth/login', {}, { username: 'admin', password: ADMIN_PASSWORD });
    if (login.status !== 200) throw new Error(`could not sign in as admin: ${login.status} ${login.body}`);
    const auth = { authorization: `Bearer ${(JSON.parse(login.body) as { token: string }).token}` };
    if (f.socket) {
      // auto-registration happens at start; give the host's first sync a moment so its pages have something to show
      for (let i = 0; i < 40; i++) {
        const hosts = (JSON.parse((await get(server.url, '/api/v1/hosts', auth)).body) as { hosts?: unknown[] }).hosts ?? [];
        if (hosts.length) break;
        await sleep(250);
      }
    }
    const state = await browserSession(browser, server.url);
    const cookie = (state && typeof state === 'object' ? state.cookies : []).map((c) => `${c.name}=${c.value}`).join('; ');
    const size = sizer(cookie);
    const rows: PageResult[] = [];
    for (const p of await pages(server.url, auth)) {
      const r = await measure(browser, state, server.url, p, size);
      log(
        `P6 ${p.path}: first load ${r.firstLoad.gzipKiB} KiB gzip in ${r.firstLoad.scripts.length} scripts; by idle ${r.byIdle.gzipKiB} KiB in ${r.byIdle.scripts.length}`,
      );
      rows.push(r);
    }
    const meta = {
      ...machineInfo,
      command: `BERTH_NEXT_DIST_DIR=${process.env.BERTH_NEXT_DIST_DIR ?? '.next'} npx tsx bench/p6.ts ${argv.join(' ')}`.trim(),
      startedAt,
      gzipLevel: GZIP_LEVEL,
      targetKiB: P6_TARGET_KIB,
      loadavgAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
    };
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const out = path.join(OUT_DIR, `p6-${startedAt.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(out, JSON.stringify({ meta, pages: rows }, null, 2));
    fs.writeFileSync(path.join(OUT_DIR, 'latest-p6.json'), JSON.stringify({ meta, pages: rows }, null, 2));
    console.log(
      `\nP6 — first-load JavaScript per page (gzip level ${GZIP_LEVEL}, target ≤ ${P6_TARGET_KIB} KiB)\n\n${markdownP6(rows)}\n\nRaw results: ${out}`,
    );
    return rows;
  } finally {
    await browser?.close();
    await server?.stop();
    if (engine) await engine.request('DELETE', `/containers/${CONTAINER}?force=1`).catch(() => undefined);
    engine?.close();
  }
}

/** One running container for the container and terminal pages, made afresh (NetworkMode none: no bridge address). */
async function sleeper(engine: EngineClient, image: string): Promise<void> {
  await engine.request('DELETE', `/containers/${CONTAINER}?force=1`).catch(() => undefined);
  const c = await engine.json<{ Id: string }>('POST', `/containers/create?name=${CONTAINER}`, {
    Image: image,
    Cmd: ['sleep', '3600'],
    Labels: { [BENCH_LABEL]: 'p6' },
    HostConfig: { NetworkMode: 'none' },
  });
  await engine.json('POST', `/containers/${c.Id}/start`);
}

if (require.main === module) {
  runP6(process.argv.slice(2)).then(
    () => process.exit(0),
    (e: Error) => {
      console.error(e.stack ?? e.message);
      process.exit(1);
    },
  );
}
