import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContextOptions, chromium } from 'playwright-core';
import { BENCH_LABEL, loadHarness, log, OUT_DIR, sleep } from './lib/env';
import { browserSession, EngineClient, get, type Server, startServer } from './p3-lib';
import { timeApi, timeBerthLogs, timeDockerLogs, VIEWPORT } from './p4-tail';
import { mainThreadTasks, startTrace, type TaskSummary } from './p4-trace';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

export { CHROMIUM_ARGS };

/**
 * P4: logs in the browser.
 *
 *   npx tsx bench/run.ts p4 [--lines=200000] [--runs=10] [--follow-s=60] [--rate=1000] [--port=3324]
 *
 * The build is BERTH_NEXT_DIST_DIR's (default .next); the port defaults to BERTH_BENCH_PORT, else 3324.
 *
 * 1. Tail: a container that wrote 200,000 lines. Each run times `docker logs --tail 1000` (DOCKER_CLI with
 *    -H unix://DOCKER_A_SOCKET, output read through a pipe) and then, in a fresh Chromium tab, the container page
 *    opened on its Logs tab (tail 1000 is the viewer's default) until the 1,000th line is counted and the last line is
 *    on screen — page load included, measured in the page from navigation start. Runs alternate, so the machine's
 *    other work falls on both alike. Target: Berth's median ≤ 2 × docker's median + 300 ms.
 * 2. Follow: a container writing `rate` lines a second, followed in the logs view for `follow-s` seconds. The page
 *    records every long task (PerformanceObserver 'longtask', installed before any script runs) and the JS heap
 *    (CDP HeapProfiler.collectGarbage then Runtime.getHeapUsage) at the start and the end. Targets: no task over
 *    200 ms, heap growth ≤ 100 MB.
 */

export const PREFIX = 'berth-p4-';
export { VIEWPORT };

interface Flags {
  lines: number;
  runs: number;
  followS: number;
  rate: number;
  port: number;
}

function parse(argv: string[]): Flags {
  const f = new Map(
    argv
      .map((a) => /^--([a-z-]+)=(.*)$/.exec(a))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  const num = (k: string, d: number) => (f.has(k) ? Number(f.get(k)) : d);
  return {
    lines: num('lines', 200_000),
    runs: num('runs', 10),
    followS: num('follow-s', 60),
    rate: num('rate', 1000),
    port: num('port', Number(process.env.BERTH_BENCH_PORT || 3324)),
  };
}

/** A shell loop writing `rate` lines a second, numbered from `from`, as the follow run's container does. */
export function followScript(rate: number, from = 0): string {
  const burst = Math.max(1, Math.round(rate / 5));
  const awk = `awk -v s=$i 'BEGIN{for(j=0;j<${burst};j++) printf "${LINE_FMT}", s+j, (s+j)*7, (s+j)%97}'`;
  return `t0=$(date +%s); i=${from}; while true; do if [ $i -lt $(( ${from}+($(date +%s)-t0+1)*${rate} )) ]; then ${awk}; i=$((i+${burst})); fi; usleep 90000; done`;
}

export async function runContainer(engine: EngineClient, image: string, name: string, script: string): Promise<string> {
  const c = await engine.json<{ Id: string }>('POST', `/containers/create?name=${name}`, {
    Image: image,
    Cmd: ['sh', '-c', script],
    Labels: { [BENCH_LABEL]: '1' },
    HostConfig: { NetworkMode: 'none' },
  });
  await engine.json('POST', `/containers/${c.Id}/start`);
  return c.Id;
}

export async function removeP4(engine: EngineClient): Promise<void> {
  const all = await engine.json<{ Id: string; Names: string[] }[]>(
    'GET',
    `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [`${BENCH_LABEL}=1`] }))}`,
  );
  for (const c of all.filter((x) => x.Names.some((n) => n.startsWith(`/${PREFIX}`)))) await engine.request('DELETE', `/containers/${c.Id}?force=1`);
}

/** A realistic access-log line of about 90 bytes, numbered so the last one can be found on screen. */
export const LINE_FMT = '%07d 2026-11-22T10:00:00Z GET /api/v1/items/%d 200 %dms user=bench lorem ipsum dolor sit amet\\n';
const lineText = (i: number) => `${String(i).padStart(7, '0')} 2026-11-22T10:00:00Z GET /api/v1/items/${i * 7}`;

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Tail {
  docker: number[];
  /** the Logs tab clicked on the loaded container page */
  tab: number[];
  /** the container page loaded on its Logs tab */
  load: number[];
  /** the API alone, from Node */
  api: number[];
}

interface FollowResult {
  seconds: number;
  linesWritten: number;
  linesInBuffer: number;
  longTasks: number[];
  /** the page's main-thread tasks from a CDP trace: longest by wall time, and by CPU time of that thread */
  trace: TaskSummary;
  heapBefore: number;
  heapAfter: number;
  heapAfterNoGc: number;
}

async function followRun(
  browser: Browser,
  state: BrowserContextOptions['storageState'],
  server: Server,
  hostId: string,
  engine: EngineClient,
  image: string,
  o: Flags,
): Promise<FollowResult> {
  // `rate` lines a second in bursts of rate/5 (awk writes a burst in one go): each second's quota is written in
  // bursts about 90 ms apart (room for twice the rate on a busy machine), then the loop waits for the next second, so spawn times cannot slow the average rate.
  const id = await runContainer(engine, image, `${PREFIX}follow`, followScript(o.rate));
  await sleep(2000);
  const ctx = await browser.newContext({ viewport: VIEWPORT, storageState: state });
  try {
    await ctx.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    const heap = async (gc: boolean) => {
      if (gc) await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.goto(`${server.url}/hosts/${hostId}/containers/${id}?tab=logs`);
    await page.waitForSelector('[data-testid="logs-following"]', { timeout: 30_000 });
    await sleep(2000);
    const heapBefore = await heap(true);
    const count0 = await countLines(engine, id);
    const t0 = Date.now();
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    const stopTrace = await startTrace(cdp);
    await sleep(o.followS * 1000);
    const trace = mainThreadTasks(await stopTrace());
    const seconds = (Date.now() - t0) / 1000;
    const linesWritten = (await countLines(engine, id)) - count0;
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const heapAfterNoGc = await heap(false);
    const heapAfter = await heap(true);
    const linesInBuffer = Number(await page.getAttribute('[data-testid="logs-viewer"]', 'data-lines'));
    return { seconds, linesWritten, linesInBuffer, longTasks, trace, heapBefore, heapAfter, heapAfterNoGc };
  } finally {
    await ctx.close();
  }
}

/** Lines in the container's log so far: the number at the start of its newest line, plus one. */
export async function countLines(engine: EngineClient, id: string): Promise<number> {
  const r = await engine.request('GET', `/containers/${id}/logs?stdout=1&tail=1`);
  // Multiplexed: an 8-byte header before the text.
  const text = r.body.subarray(8).toString('utf8');
  return Number(text.slice(0, 7)) + 1;
}

export async function runP4(argv: string[]): Promise<void> {
  const o = parse(argv);
  const env = loadHarness() as ReturnType<typeof loadHarness> & { DOCKER_CLI?: string };
  const cli = env.DOCKER_CLI ?? '/usr/bin/docker';
  const engine = new EngineClient(env.DOCKER_A_SOCKET);
  await removeP4(engine);
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    const id = await runContainer(
      engine,
      env.TEST_IMAGE,
      `${PREFIX}tail`,
      `awk 'BEGIN{for(i=1;i<=${o.lines};i++) printf "${LINE_FMT}", i, i*7, i%97}'; sleep 3600`,
    );
    const t0 = Date.now();
    while ((await countLines(engine, id).catch(() => 0)) <= o.lines) {
      if (Date.now() - t0 > 120_000) throw new Error(`the container did not write ${o.lines} lines in 120 s`);
      await sleep(500);
    }
    log(`p4: ${o.lines} lines written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    server = await startServer({ port: o.port, socket: env.DOCKER_A_SOCKET });
    const hostId = (JSON.parse((await get(server.url, '/api/v1/hosts', server.auth)).body) as { hosts: { id: string }[] }).hosts[0].id;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const state = await browserSession(browser, server.url);
    const url = `${server.url}/hosts/${hostId}/containers/${id}`;
    const api = `/api/v1/hosts/${hostId}/containers/${id}/logs?tail=1000&timestamps=1&follow=1`;
    const last = lineText(o.lines);
    // Warm-up: the page's chunks compiled and cached by nobody (each run is a fresh context), the route loaded.
    await timeBerthLogs(browser, state, url, last, 'load');
    await timeBerthLogs(browser, state, url, last, 'tab');
    await timeDockerLogs(cli, env.DOCKER_A_SOCKET, id);
    await timeApi(server.url, api, server.auth);
    const t: Tail = { docker: [], load: [], tab: [], api: [] };
    for (let i = 0; i < o.runs; i++) {
      const d = await timeDockerLogs(cli, env.DOCKER_A_SOCKET, id);
      if (d.lines !== 1000) throw new Error(`docker logs --tail 1000 printed ${d.lines} lines`);
      t.docker.push(d.ms);
      t.api.push(await timeApi(server.url, api, server.auth));
      t.tab.push(await timeBerthLogs(browser, state, url, last, 'tab'));
      t.load.push(await timeBerthLogs(browser, state, url, last, 'load'));
      log(
        `p4 tail run ${i + 1}/${o.runs}: docker ${d.ms.toFixed(0)} ms, API ${t.api.at(-1)!.toFixed(0)} ms, tab ${t.tab.at(-1)!.toFixed(0)} ms, page load ${t.load.at(-1)!.toFixed(0)} ms`,
      );
    }
    await engine.request('DELETE', `/containers/${id}?force=1`);
    const follow = await followRun(browser, state, server, hostId, engine, env.TEST_IMAGE, o);
    report(o, t, follow);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await removeP4(engine).catch(() => undefined);
    engine.close();
  }
}

function report(o: Flags, t: Tail, f: FollowResult): void {
  const dMed = median(t.docker);
  const limit = 2 * dMed + 300;
  const tailPass = median(t.tab) <= limit;
  const maxTask = f.longTasks.length ? Math.max(...f.longTasks) : 0;
  const growthMb = (f.heapAfter - f.heapBefore) / 1e6;
  const followPass = maxTask <= 200 && growthMb <= 100;
  const file = path.join(OUT_DIR, `p4-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ flags: o, tail: t, follow: f, tailPass, followPass }, null, 2));
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const mb = (v: number) => `${(v / 1e6).toFixed(1)} MB`;
  const row = (what: string, v: number[]) => `| ${what} | ${ms(median(v))} | ${ms(Math.min(...v))} | ${ms(Math.max(...v))} |`;
  console.log(`
| P4 tail: ${o.lines.toLocaleString('en')} lines, last 1,000 (${o.runs} interleaved runs) | median | min | max |
|---|---|---|---|
${row('`docker logs --tail 1000` (process start → exit)', t.docker)}
${row('Berth: Logs tab clicked on the loaded container page → 1,000th line counted and the last line on screen', t.tab)}
${row('Berth: container page opened on its Logs tab, navigation start → the same (page load included)', t.load)}
${row('Berth API alone (Node client, follow SSE as the tab asks) → 1,000 lines received', t.api)}

Target: Berth (tab) ≤ 2 × docker + 300 ms = ${ms(limit)}: **${tailPass ? 'PASS' : 'FAIL'}** (${ms(median(t.tab))}; with the page load: ${ms(median(t.load))}, ${median(t.load) <= limit ? 'PASS' : 'FAIL'}).

| P4 follow: ${o.rate} lines/s for ${o.followS} s | figure |
|---|---|
| lines written while followed (rate) | ${f.linesWritten.toLocaleString('en')} (${(f.linesWritten / f.seconds).toFixed(0)}/s) |
| lines in the viewer at the end | ${f.linesInBuffer.toLocaleString('en')} |
| long tasks (> 50 ms) | ${f.longTasks.length}${f.longTasks.length ? `: ${f.longTasks.map((t) => t.toFixed(0)).join(', ')} ms` : ''} |
| longest main-thread task (PerformanceObserver) | ${ms(maxTask)} |
| CDP trace of the page's main thread | ${f.trace.tasks.toLocaleString('en')} tasks, ${f.trace.over50} over 50 ms; longest ${ms(f.trace.maxWallMs)} wall (of which ${ms(f.trace.cpuOfLongestWallMs)} on the CPU); most CPU in one task ${ms(f.trace.maxCpuMs)} |
| JS heap after GC, start → end | ${mb(f.heapBefore)} → ${mb(f.heapAfter)} (${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(1)} MB; ${mb(f.heapAfterNoGc)} before the final GC) |

Target: no task over 200 ms and heap growth ≤ 100 MB: **${followPass ? 'PASS' : 'FAIL'}**. Raw: ${file}`);
}
