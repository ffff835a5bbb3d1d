import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadHarness, log, OUT_DIR } from './lib/env';
import { machine } from './lib/report';
import { summarize } from './lib/stats';
import { browserSession, get, startServer, type Server } from './p3-lib';
import { writeP8Catalog } from './p8-catalog';
import { cleanupLaunch, type LaunchRuns, runLaunchRuns } from './p8-launch';
import { type PageRuns, runPageRuns } from './p8-page';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

/**
 * P8 (issue #12, "Performance"): the catalog.
 *
 * - page: /catalog with 1,000 generated templates (bench/p8-catalog.ts, given to Berth with BERTH_CATALOG_DIRS) in
 *   Chromium: first render ≤ 300 ms, search ≤ 50 ms per keystroke (definitions in bench/p8-page.ts).
 * - launch: WordPress from the catalog deploy API to the install page answering, vs the same rendered file with
 *   `docker compose up -d --wait` (Compose v2 from the harness) on daemon A: ≤ 1.0× (bench/p8-launch.ts).
 *
 * Needs the harness (daemon A with the stand-in wordpress/mariadb images, COMPOSE_V2) and a production build:
 *
 *   BERTH_NEXT_DIST_DIR=.next-x npx tsx bench/run.ts p8 [--part=page|launch|all] [--runs=10] [--launch-runs=3]
 *                                                      [--templates=1000] [--port=3380]
 */
export const P8_TARGETS = { firstRenderMs: 300, keystrokeMs: 50, launchRatio: 1 };

function flags(argv: string[]) {
  const f = new Map(
    argv
      .map((a) => /^--([a-z-]+)=(.*)$/.exec(a))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  const part = f.get('part') ?? 'all';
  if (!['page', 'launch', 'all'].includes(part)) throw new Error(`--part must be page, launch or all, not "${part}"`);
  return {
    part,
    runs: Number(f.get('runs') ?? 10),
    launchRuns: Number(f.get('launch-runs') ?? 3),
    templates: Number(f.get('templates') ?? 1000),
    port: Number(f.get('port') ?? 3380),
  };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

function markdown(page: PageRuns | null, launch: LaunchRuns | null, templates: number): string {
  const out: string[] = [];
  if (page) {
    const s = page.summary;
    const fetched = page.first.map((x) => x.listFetchEndMs).filter((x) => !Number.isNaN(x));
    out.push(
      `P8 catalog page, ${page.first[0]?.cards ?? '?'} cards in the DOM of ${templates}+ templates, ${page.first.length} page loads, ${page.keys.length} keystrokes`,
      '',
      '| figure | p50 | p95 | max | target | result |',
      '|---|---|---|---|---|---|',
      `| first render, fresh context (navigation start → list painted) | ${ms(s.first.p50)} | ${ms(s.first.p95)} | ${ms(s.first.max)} | ≤ ${P8_TARGETS.firstRenderMs} ms | ${s.first.p50 <= P8_TARGETS.firstRenderMs ? 'PASS' : 'FAIL'} (p50) |`,
      `| first render, same page again (scripts cached) | ${ms(s.warm.p50)} | ${ms(s.warm.p95)} | ${ms(s.warm.max)} | | |`,
      `| click on the Catalog link in another page of the app → list painted | ${ms(s.nav.p50)} | ${ms(s.nav.p95)} | ${ms(s.nav.max)} | | |`,
      `| (list in the DOM, fresh context) | ${ms(s.firstDom.p50)} | ${ms(s.firstDom.p95)} | ${ms(s.firstDom.max)} | | |`,
      // the first screen comes with the HTML: the list's request has often not ended when it is painted
      `| (catalog list fetched, fresh context, runs where it ended before the paint) | ${fetched.length ? ms(summarize(fetched).p50) : 'after the paint'} | | | | |`,
      `| keystroke (keydown → list painted) | ${ms(s.keys.p50)} | ${ms(s.keys.p95)} | ${ms(s.keys.max)} | ≤ ${P8_TARGETS.keystrokeMs} ms | ${s.keys.max <= P8_TARGETS.keystrokeMs ? 'PASS (max)' : s.keys.p95 <= P8_TARGETS.keystrokeMs ? 'PASS (p95), max over' : 'FAIL'} |`,
      `| (keydown → list in the DOM) | ${ms(s.keysDom.p50)} | ${ms(s.keysDom.p95)} | ${ms(s.keysDom.max)} | | |`,
      '',
      `Keystrokes with no list change seen: ${s.unanswered}.`,
      '',
    );
  }
  if (launch) {
    const row = (side: 'berth' | 'compose') =>
      launch.samples
        .filter((x) => x.side === side)
        .map((x) => `${x.ms.toFixed(0)} (${x.returnedMs.toFixed(0)})`)
        .join(', ');
    out.push(
      `P8 WordPress launch, ${launch.ratios.length} alternating runs: ms to the install page's first 200 (in brackets: when the call returned)`,
      '',
      '| | runs | p50 |',
      '|---|---|---|',
      `| Berth catalog deploy API (wait: true) | ${row('berth')} | ${launch.berth.p50.toFixed(0)} ms |`,
      `| docker compose up -d --wait (v2) | ${row('compose')} | ${launch.compose.p50.toFixed(0)} ms |`,
      `| ratio Berth/compose per run | ${launch.ratios.map((r) => r.toFixed(2)).join(', ')} | median **${launch.ratioMedian.toFixed(2)}×** |`,
      '',
      `Target ≤ ${P8_TARGETS.launchRatio}×: ${launch.ratioMedian <= P8_TARGETS.launchRatio ? 'PASS' : 'FAIL'}`,
    );
  }
  return out.join('\n');
}

export async function runP8(argv: string[]): Promise<void> {
  const f = flags(argv);
  const env = loadHarness() as ReturnType<typeof loadHarness> & { COMPOSE_V2?: string };
  const compose = env.COMPOSE_V2 ?? process.env.COMPOSE_V2;
  if (f.part !== 'page' && !compose) throw new Error('no COMPOSE_V2 in the harness env: the launch part needs Compose v2 (scripts/harness/README.md)');
  const startedAt = new Date().toISOString();
  const meta = {
    ...machine(env.DOCKER_A_SOCKET),
    command: `BERTH_NEXT_DIST_DIR=${process.env.BERTH_NEXT_DIST_DIR ?? '.next'} npx tsx bench/run.ts p8 ${argv.join(' ')}`.trim(),
    startedAt,
  };
  const catalogDir = path.join(os.tmpdir(), `berth-p8-catalog-${f.port}`);
  writeP8Catalog(catalogDir, f.templates);
  log(`P8: ${f.templates} templates written to ${catalogDir}`);
  let server: Server | null = null;
  let browser: import('playwright-core').Browser | null = null;
  let page: PageRuns | null = null;
  let launch: LaunchRuns | null = null;
  let coldListMs = NaN;
  // the headless shell or the whole browser: the page's figures differ by which (e2e/chromium.ts)
  let browserName: string | null = null;
  try {
    server = await startServer({ port: f.port, socket: env.DOCKER_A_SOCKET, env: { BERTH_CATALOG_DIRS: catalogDir } });
    // the catalog is read once per process, at the first request that needs it; the page is measured after that
    const t0 = performance.now();
    const first = await get(server.url, '/api/v1/catalog', server.auth);
    coldListMs = performance.now() - t0;
    const listing = JSON.parse(first.body) as { templates: unknown[]; problems: unknown[] };
    log(
      `P8: the first GET /api/v1/catalog (reads the folders) took ${coldListMs.toFixed(0)} ms: ${listing.templates.length} templates, ${listing.problems.length} problems, ${(first.body.length / 1024).toFixed(0)} KiB`,
    );
    if (listing.templates.length < f.templates)
      throw new Error(`Berth lists ${listing.templates.length} templates, fewer than the ${f.templates} generated; see its problems`);
    if (f.part !== 'launch') {
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      browserName = `${CHROMIUM_PATH} ${browser.version()}`;
      log(`P8: the page in ${browserName}`);
      const state = await browserSession(browser, server.url);
      page = await runPageRuns(browser, state, server.url, f.runs, log);
    }
    if (f.part !== 'page') {
      await cleanupLaunch(env.DOCKER_A_SOCKET);
      launch = await runLaunchRuns({ server, socket: env.DOCKER_A_SOCKET, compose: compose!, runs: f.launchRuns, log });
    }
  } finally {
    await browser?.close();
    await server?.stop();
    if (f.part !== 'page') await cleanupLaunch(env.DOCKER_A_SOCKET).catch((e: Error) => log(`cleanup: ${e.message}`));
  }
  const result = {
    meta: { ...meta, loadavgAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100), coldListMs: Math.round(coldListMs), browser: browserName },
    targets: P8_TARGETS,
    page,
    launch,
  };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const out = path.join(OUT_DIR, `p8-${startedAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(OUT_DIR, 'latest-p8.json'), JSON.stringify(result, null, 2));
  console.log(`\n${markdown(page, launch, f.templates)}\n\nRaw results: ${out}`);
}
