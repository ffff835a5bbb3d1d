import { type Browser, chromium } from 'playwright-core';
import { loadHarness, log, sleep } from './lib/env';
import { browserSession, EngineClient, get, type Server, startServer } from './p3-lib';
import { CHROMIUM_ARGS, followScript, LINE_FMT, PREFIX, removeP4, runContainer, VIEWPORT } from './p4';
import { CHROMIUM_PATH } from '../e2e/chromium';
import { breakdown, busiestTasks, cpuPerTask, mainThreadTasks, startProfile, startTrace } from './p4-trace';

/**
 * Where the logs viewer's time goes while it follows a fast container, by buffer size (a diagnosis tool, not a
 * target of its own):
 *
 *   BERTH_NEXT_DIST_DIR=.next-x npx tsx bench/p4-profile.ts [--sizes=10000,100000,200000] [--seconds=10] [--rate=1000] [--port=3324]
 *
 * Per size N: a container writes N lines at once and then `rate` lines a second; the Logs tab is opened with
 * "Tail: All lines", and once all N lines are in the viewer, a CDP timeline trace and a sampling CPU profile run
 * for `seconds`. Printed: CPU per main-thread task, the timeline events the time went to, and the JS functions with
 * the most self time (with a little of their minified source, to recognise a bundled library).
 */

function flags(argv: string[]) {
  const f = new Map(
    argv
      .map((a) => /^--([a-z-]+)=(.*)$/.exec(a))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  return {
    sizes: (f.get('sizes') ?? '10000,100000,200000').split(',').map(Number),
    seconds: Number(f.get('seconds') ?? 10),
    rate: Number(f.get('rate') ?? 1000),
    port: Number(f.get('port') ?? process.env.BERTH_BENCH_PORT ?? 3324),
  };
}

async function profileSize(browser: Browser, server: Server, hostId: string, engine: EngineClient, image: string, n: number, o: ReturnType<typeof flags>) {
  const script = `awk 'BEGIN{for(i=1;i<=${n};i++) printf "${LINE_FMT}", i, i*7, i%97}'; ${followScript(o.rate, n + 1)}`;
  const id = await runContainer(engine, image, `${PREFIX}profile-${n}`, script);
  const ctx = await browser.newContext({ viewport: VIEWPORT, storageState: await browserSession(browser, server.url) });
  try {
    const page = await ctx.newPage();
    await page.goto(`${server.url}/hosts/${hostId}/containers/${id}?tab=logs`);
    await page.waitForSelector('[data-testid="logs-following"]', { timeout: 30_000 });
    await page.selectOption('#logs-tail', 'all');
    await page.waitForFunction(
      (min) => Number(document.querySelector('[data-testid="logs-viewer"]')?.getAttribute('data-lines')) >= min,
      Math.min(n, 200_000),
      { timeout: 180_000, polling: 500 },
    );
    await page.waitForSelector('[data-testid="logs-following"]', { timeout: 30_000 });
    // Caught up with the backlog: the count grows at about the writing rate (or stays put at the buffer's capacity).
    const linesNow = async () => Number(await page.getAttribute('[data-testid="logs-viewer"]', 'data-lines'));
    for (let before = await linesNow(), t0 = Date.now(); Date.now() - t0 < 120_000;) {
      await sleep(1000);
      const now = await linesNow();
      if (now - before <= 2 * o.rate) break;
      before = now;
    }
    await sleep(1000);
    const cdp = await ctx.newCDPSession(page);
    // The profiler starts before the trace and stops after it: starting it, and fetching sources for its report
    // (Debugger.enable), are long tasks of their own that the trace must not count.
    const stopProfile = await startProfile(cdp);
    const stopTrace = await startTrace(cdp);
    await sleep(o.seconds * 1000);
    const events = await stopTrace();
    const fns = await stopProfile();
    const lines = await page.getAttribute('[data-testid="logs-viewer"]', 'data-lines');
    const tasks = mainThreadTasks(events);
    const cpu = cpuPerTask(events);
    console.log(`\n### buffer ${n.toLocaleString('en')} lines (${lines} in the viewer at the end), ${o.rate} lines/s for ${o.seconds} s`);
    console.log(
      `main thread: ${tasks.tasks} tasks, ${tasks.over50} over 50 ms wall; longest ${tasks.maxWallMs.toFixed(0)} ms wall (${tasks.cpuOfLongestWallMs.toFixed(1)} ms CPU)`,
    );
    console.log(
      `CPU per task (tasks over 1 ms): ${cpu.busyTasks} tasks, median ${cpu.medianMs.toFixed(1)} ms, p95 ${cpu.p95Ms.toFixed(1)} ms, max ${cpu.maxMs.toFixed(1)} ms; ${cpu.totalCpuS.toFixed(2)} CPU-s in all`,
    );
    console.log(
      `time by timeline event (self CPU ms): ${breakdown(events)
        .slice(0, 10)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ')}`,
    );
    for (const t of busiestTasks(events, 3)) {
      console.log(
        `  a task of ${((t.tdur ?? 0) / 1000).toFixed(1)} ms CPU (${((t.dur ?? 0) / 1000).toFixed(1)} ms wall): ${breakdown(events, t)
          .slice(0, 6)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(', ')}`,
      );
    }
    console.log('JS functions by self time (ms):');
    for (const f of fns) console.log(`  ${String(f.selfMs).padStart(6)}  ${f.fn} ${f.at}  ${JSON.stringify(f.src.slice(0, 80))}`);
  } finally {
    await ctx.close();
    await engine.request('DELETE', `/containers/${id}?force=1`).catch(() => undefined);
  }
}

async function main() {
  const o = flags(process.argv.slice(2));
  const env = loadHarness();
  const engine = new EngineClient(env.DOCKER_A_SOCKET);
  await removeP4(engine);
  let server: Server | null = null;
  let browser: Browser | null = null;
  try {
    server = await startServer({ port: o.port, socket: env.DOCKER_A_SOCKET });
    const hostId = (JSON.parse((await get(server.url, '/api/v1/hosts', server.auth)).body) as { hosts: { id: string }[] }).hosts[0].id;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    for (const n of o.sizes) {
      log(`p4-profile: ${n} lines`);
      await profileSize(browser, server, hostId, engine, env.TEST_IMAGE, n, o);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await removeP4(engine).catch(() => undefined);
    engine.close();
  }
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
