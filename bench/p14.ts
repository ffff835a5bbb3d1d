import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type BrowserContextOptions, chromium } from 'playwright-core';
import { EngineClient } from './lib/engine';
import { loadHarness, log, OUT_DIR, sleep, wallNow } from './lib/env';
import { machine } from './lib/report';
import { summarize } from './lib/stats';
import { browserSession, get, startServer, type Server } from './p3-lib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

/**
 * P14 (issue #14, "Performance"): the Swarm services page on the harness swarm's manager (Engine 26.1).
 *
 * - list: Berth's GET /api/v1/hosts/{id}/swarm/services against the raw Engine calls it replaces (GET /services and
 *   GET /tasks?desired-state=running, made in parallel as Berth makes them, bodies parsed), alternating, same run:
 *   ratio of medians ≤ 1.0.
 * - render: the Swarm page in a fresh browser context, from the navigation's start to the first frame painted after
 *   the services table shows its first service: ≤ 300 ms.
 * - scale: a service scaled with the docker CLI; from the moment the Engine's /tasks first shows the new count
 *   running (polled every 20 ms) to the first frame painted after the browser's row shows it: ≤ 1 s.
 *
 * The scene: 200 services of 5 replicas (1,000 tasks) whose placement constraint no node satisfies, so the tasks exist
 * and stay pending without 1,000 containers on a 2-core machine; plus one service of 1 replica that really runs, for
 * the scale figure. Needs the harness (its swarm) and a production build:
 *
 *   BERTH_NEXT_DIST_DIR=.next-x npx tsx bench/run.ts p14 [--services=200] [--replicas=5] [--runs=20] [--scales=10]
 *                                                        [--port=3384]
 */
export const P14_TARGETS = { listRatio: 1, renderMs: 300, scaleMs: 1000 };

const PREFIX = 'p14-';
// first in the list's name order, so its row is on the first screen of the (virtualized) table
const SCALED = `a-${PREFIX}scaled`;
const LABEL = 'io.berth.bench';
const run = promisify(execFile);

function flags(argv: string[]) {
  const f = new Map(
    argv
      .map((a) => /^--([a-z-]+)=(.*)$/.exec(a))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  const n = (k: string, d: number) => Number(f.get(k) ?? d);
  return { services: n('services', 200), replicas: n('replicas', 5), runs: n('runs', 20), scales: n('scales', 10), port: n('port', 3384) };
}

const byLabel = () => encodeURIComponent(JSON.stringify({ label: [`${LABEL}=p14`] }));

async function removeScene(engine: EngineClient): Promise<void> {
  const left = await engine.json<{ ID: string }[]>('GET', `/services?filters=${byLabel()}`);
  for (const s of left) await engine.request('DELETE', `/services/${s.ID}`);
}

/** The services of the scene; returns once the Engine lists every task (pending ones included). */
async function createScene(engine: EngineClient, image: string, services: number, replicas: number): Promise<void> {
  await removeScene(engine);
  const spec = (name: string, n: number, constraints: string[]) => ({
    Name: name,
    Labels: { [LABEL]: 'p14' },
    TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '1d'] }, Placement: { Constraints: constraints } },
    Mode: { Replicated: { Replicas: n } },
  });
  for (let i = 0; i < services; i++)
    await engine.json('POST', '/services/create', spec(`${PREFIX}${String(i).padStart(3, '0')}`, replicas, ['node.labels.berth-p14==never']));
  await engine.json('POST', '/services/create', spec(SCALED, 1, []));
  const want = services * replicas + 1;
  for (const t0 = Date.now(); ; await sleep(500)) {
    const tasks = await engine.json<unknown[]>('GET', `/tasks?filters=${encodeURIComponent(JSON.stringify({ 'desired-state': ['running'] }))}`);
    if (tasks.length >= want) return;
    if (Date.now() - t0 > 120_000) throw new Error(`the swarm made ${tasks.length} of ${want} tasks in 2 minutes`);
  }
}

async function runningOf(engine: EngineClient, service: string): Promise<number> {
  const f = encodeURIComponent(JSON.stringify({ service: [service], 'desired-state': ['running'] }));
  const tasks = await engine.json<{ Status: { State: string } }[]>('GET', `/tasks?filters=${f}`);
  return tasks.filter((t) => t.Status.State === 'running').length;
}

/** Berth's list call vs the raw calls it replaces, alternating; ms per call. */
async function listRuns(server: Server, engine: EngineClient, hostId: string, runs: number) {
  const raw: number[] = [];
  const berth: number[] = [];
  const running = encodeURIComponent(JSON.stringify({ 'desired-state': ['running'] }));
  for (let i = 0; i < runs + 2; i++) {
    let t = performance.now();
    const [s, ts] = await Promise.all([engine.request('GET', '/services'), engine.request('GET', `/tasks?filters=${running}`)]);
    JSON.parse(s.body.toString('utf8'));
    JSON.parse(ts.body.toString('utf8'));
    const r = performance.now() - t;
    t = performance.now();
    const b = await get(server.url, `/api/v1/hosts/${hostId}/swarm/services`, server.auth);
    if (b.status !== 200) throw new Error(`Berth's services list answered ${b.status}: ${b.body.slice(0, 300)}`);
    JSON.parse(b.body);
    const m = performance.now() - t;
    // the first two warm both sides' connections and caches
    if (i >= 2) {
      raw.push(r);
      berth.push(m);
    }
  }
  return { raw: summarize(raw), berth: summarize(berth) };
}

// In the page: the first frame painted after a row naming the first service is in the DOM, and for the scale
// figure, the wall-clock time of the first frame painted after the scaled service's row shows `want` running
// ("2/2": the row's text runs its cells together, so the count is told from digits around it, not word breaks).
const INIT = `(() => {
  const s = (window.__p14 = { first: null, firstDom: null, want: null, seenAt: null });
  const afterPaint = (cb) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => cb(performance.now()); ch.port2.postMessage(0); });
  const rowOf = (name) => [...document.querySelectorAll('tr, [role="row"], li')].find((r) => r.textContent.includes(name) && !r.querySelector('tr, [role="row"], li'));
  new MutationObserver(() => {
    // by the row's name attribute: a scan of every row's text at each mutation would cost the page more than its rows
    if (!s.first && document.querySelector('[data-name="${PREFIX}000"]')) { s.first = -1; s.firstDom = performance.now(); afterPaint((t) => (s.first = t)); }
    if (s.want !== null && s.seenAt === null) {
      const row = rowOf('${SCALED}');
      if (row && new RegExp('(^|\\\\D)' + s.want + '\\\\s*/\\\\s*' + s.want + '(\\\\D|$)').test(row.textContent)) { s.seenAt = -1; afterPaint((t) => (s.seenAt = performance.timeOrigin + t)); }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

interface P14State {
  first: number | null;
  firstDom: number | null;
  want: number | null;
  seenAt: number | null;
}

async function renderRuns(browser: Browser, state: BrowserContextOptions['storageState'], url: string, hostId: string, runs: number) {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: state });
    const page = await ctx.newPage();
    await page.addInitScript(INIT);
    await page.goto(`${url}/hosts/${hostId}/swarm`, { waitUntil: 'load' });
    await page.waitForFunction(() => ((window as unknown as { __p14: P14State }).__p14.first ?? -1) > 0, undefined, { timeout: 60_000 });
    // where the time went: the HTML's first byte, the row in the DOM, DOMContentLoaded (the scripts have run)
    const r = await page.evaluate(() => {
      const s = (window as unknown as { __p14: P14State }).__p14;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { ms: s.first!, domMs: s.firstDom!, ttfb: nav.responseStart, dcl: nav.domContentLoadedEventEnd };
    });
    out.push(r.ms);
    const f = (n: number) => n.toFixed(0);
    log(`P14 render ${i + 1}/${runs}: ${f(r.ms)} ms (first byte ${f(r.ttfb)}, row in the DOM ${f(r.domMs)}, DOMContentLoaded ${f(r.dcl)})`);
    await ctx.close();
  }
  return out;
}

async function scaleRuns(
  browser: Browser,
  state: BrowserContextOptions['storageState'],
  url: string,
  hostId: string,
  engine: EngineClient,
  cli: string,
  socket: string,
  scales: number,
) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: state });
  const page = await ctx.newPage();
  await page.addInitScript(INIT);
  await page.goto(`${url}/hosts/${hostId}/swarm`, { waitUntil: 'load' });
  await page.waitForFunction(() => ((window as unknown as { __p14: P14State }).__p14.first ?? -1) > 0, undefined, { timeout: 60_000 });
  const out: number[] = [];
  let n = await runningOf(engine, SCALED);
  for (let i = 0; i < scales; i++) {
    const want = n === 1 ? 2 : 1;
    await page.evaluate((w) => Object.assign((window as unknown as { __p14: P14State }).__p14, { want: w, seenAt: null }), want);
    await run(cli, ['-H', `unix://${socket}`, 'service', 'scale', '--detach', `${SCALED}=${want}`]);
    let engineAt = 0;
    for (const t0 = Date.now(); ; await sleep(20)) {
      if ((await runningOf(engine, SCALED)) === want) {
        engineAt = wallNow();
        break;
      }
      if (Date.now() - t0 > 60_000) throw new Error(`${SCALED} did not reach ${want} running tasks in 60 s`);
    }
    await page.waitForFunction(() => ((window as unknown as { __p14: P14State }).__p14.seenAt ?? -1) > 0, undefined, { timeout: 30_000 });
    const seenAt = await page.evaluate(() => (window as unknown as { __p14: P14State }).__p14.seenAt!);
    out.push(seenAt - engineAt);
    log(`P14 scale ${i + 1}/${scales}: ${n} → ${want}, shown ${out.at(-1)!.toFixed(0)} ms after the Engine listed it`);
    n = want;
    await sleep(500);
  }
  await ctx.close();
  return out;
}

export async function runP14(argv: string[]): Promise<void> {
  const f = flags(argv);
  const env = loadHarness() as unknown as Record<string, string>;
  const socket = env.SWARM_MANAGER_SOCKET;
  if (!socket) throw new Error('the harness has no swarm (SWARM_MANAGER_SOCKET): run bash scripts/harness/up.sh without BERTH_HARNESS_SWARM=0');
  const engine = new EngineClient(socket);
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    log(`P14: ${f.services} services × ${f.replicas} pending tasks on the swarm's manager`);
    await createScene(engine, env.TEST_IMAGE, f.services, f.replicas);
    server = await startServer({ port: f.port, socket });
    const { hosts } = JSON.parse((await get(server.url, '/api/v1/hosts', server.auth)).body) as { hosts: { id: string }[] };
    const hostId = hosts[0]?.id;
    if (!hostId) throw new Error('Berth registered no host for the swarm manager');
    const list = await listRuns(server, engine, hostId, f.runs);
    log(`P14 list: Berth p50 ${list.berth.p50} ms, raw p50 ${list.raw.p50} ms`);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    // the headless shell or the whole browser: the render figure differs by which (e2e/chromium.ts)
    const browserName = `${CHROMIUM_PATH} ${browser.version()}`;
    log(`P14: the page in ${browserName}`);
    const state = await browserSession(browser, server.url);
    const render = summarize(await renderRuns(browser, state, server.url, hostId, Math.min(f.runs, 10)));
    const scale = summarize(await scaleRuns(browser, state, server.url, hostId, engine, env.SWARM_CLI, socket, f.scales));
    const result = { machine: machine(socket), browser: browserName, options: f, list, render, scale, targets: P14_TARGETS };
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, 'p14.json'), JSON.stringify(result, null, 2));
    const ratio = list.berth.p50 / list.raw.p50;
    console.log(
      [
        `P14 Swarm services page, ${f.services} services + 1, ${f.services * f.replicas} pending tasks + the scaled service's (${browserName})`,
        '',
        '| figure | p50 | p95 | max | target | result |',
        '|---|---|---|---|---|---|',
        `| Berth's services list (ms) | ${list.berth.p50} | ${list.berth.p95} | ${list.berth.max} | | |`,
        `| raw GET /services + GET /tasks, in parallel (ms) | ${list.raw.p50} | ${list.raw.p95} | ${list.raw.max} | | |`,
        `| ratio of medians | ${ratio.toFixed(2)}× | | | ≤ ${P14_TARGETS.listRatio}× | ${ratio <= P14_TARGETS.listRatio ? 'PASS' : 'FAIL'} |`,
        `| first render, fresh context (ms) | ${render.p50} | ${render.p95} | ${render.max} | ≤ ${P14_TARGETS.renderMs} | ${render.p50 <= P14_TARGETS.renderMs ? 'PASS' : 'FAIL'} (p50) |`,
        `| CLI scale: Engine lists it → row painted (ms) | ${scale.p50} | ${scale.p95} | ${scale.max} | ≤ ${P14_TARGETS.scaleMs} | ${scale.max <= P14_TARGETS.scaleMs ? 'PASS (max)' : scale.p95 <= P14_TARGETS.scaleMs ? 'PASS (p95)' : 'FAIL'} |`,
      ].join('\n'),
    );
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await removeScene(engine).catch((e: Error) => log(`P14: could not remove the scene: ${e.message}`));
    engine.close();
  }
}
