import { chromium, type Page } from 'playwright-core';
import type { EngineClient } from './lib/engine';
import { followEvents } from './lib/engine';
import { log, P2_NAME, sleep, wallNow } from './lib/env';
import { type StateWatch, type Transition, watchSse } from './lib/sse';
import { type Summary, summarize } from './lib/stats';
import { browserSession } from './p3-lib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

export const P2_TARGET_P95_MS = 250;
// live-indicator is what components/shell/live-indicator.tsx renders; live-status is the name in the bench brief.
const LIVE = '[data-testid="live-indicator"][data-state="live"], [data-testid="live-status"][data-state="live"]';
const ROW = `[data-testid="container-row"][data-name="${P2_NAME}"]`;
const WAIT_MS = 10_000;

/**
 * Runs inside the page (a string, not a function: tsx's esbuild output wraps functions in a __name helper that does
 * not exist in the page). The MutationObserver callback runs right after the DOM change, before paint; it stamps the
 * time with the same wall-clock expression node uses (bench/lib/env.ts wallNow) and reports it to node.
 */
const OBSERVE = `(() => {
  const sel = ${JSON.stringify(ROW)};
  let last = document.querySelector(sel)?.getAttribute('data-state') ?? null;
  new MutationObserver(() => {
    const s = document.querySelector(sel)?.getAttribute('data-state') ?? null;
    if (s === null || s === last) return;
    const t = performance.timeOrigin + performance.now();
    last = s;
    window.__benchState(s, t);
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  return last;
})()`;

/**
 * Installed before the app loads: a listener on every EventSource, registered before the app's own onmessage, stamps
 * when the live message about the container reaches the page. The gap to the DOM change is the browser side alone.
 */
const SSE_TAP = (id: string) => `(() => {
  const Orig = window.EventSource;
  window.EventSource = class extends Orig {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        if (!ev.data.includes(${JSON.stringify(id)})) return;
        const t = performance.timeOrigin + performance.now();
        try {
          const m = JSON.parse(ev.data);
          if (m.type === 'container' && m.container.id === ${JSON.stringify(id)}) window.__benchSse(m.container.state, t);
        } catch {}
      });
    }
  };
})()`;

export interface P2Iteration {
  action: 'stop' | 'start';
  expected: string;
  /** Engine request sent → row's data-state changed in the page (the figure the target is about) */
  pageMs: number | null;
  /** Engine request sent → the SSE client in node saw the new state (Berth's server side alone) */
  sseMs: number | null;
  /** Engine request sent → the live message reached the page's EventSource (before the app's batching and render) */
  pageSseMs: number | null;
  /** Engine request sent → Engine answered (stop/start themselves; Berth cannot be faster than the die/start event) */
  engineMs: number;
  /** Engine request sent → raw /events delivered the die/start event */
  eventMs: number | null;
}

export interface P2Result {
  iterations: number;
  clock: { offsetMs: number; rttMs: number; dateNowOffsetMs: number };
  page: Summary;
  sse: Summary;
  pageSse: Summary;
  /** live message in the page → row changed: the browser's own share (lib/live.ts batching + React render) */
  browserShare: Summary;
  engine: Summary;
  rawEvent: Summary;
  /** page latency minus raw event latency: Berth's own share (refresh call + SSE + browser) */
  berthShare: Summary;
  /** the same figures per action: stop (die) and start behave very differently in the Engine */
  byAction: Record<'stop' | 'start', { page: Summary; sse: Summary; engine: Summary; rawEvent: Summary }>;
  counts: { rawStartDie: number; rawAll: Record<string, number>; pageTransitions: number; sseTransitions: number; missedInPage: number; missedInSse: number };
  pass: boolean;
  samples: P2Iteration[];
}

/** Node's and the page's wall clocks come from the same kernel clock, but each fixes its origin once; measure the gap. */
async function clockOffset(page: Page): Promise<P2Result['clock']> {
  let best = { rttMs: Infinity, offsetMs: 0, dateNowOffsetMs: 0 };
  for (let i = 0; i < 40; i++) {
    const a = wallNow();
    const [p, d] = (await page.evaluate('[performance.timeOrigin + performance.now(), Date.now()]')) as [number, number];
    const b = wallNow();
    if (b - a < best.rttMs) best = { rttMs: b - a, offsetMs: p - (a + b) / 2, dateNowOffsetMs: d - (a + b) / 2 };
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { rttMs: r(best.rttMs), offsetMs: r(best.offsetMs), dateNowOffsetMs: r(best.dateNowOffsetMs) };
}

/** Resolves with the first transition to `state` at index ≥ from, or null after WAIT_MS. */
async function waitFor(list: Transition[], from: number, state: string): Promise<Transition | null> {
  const end = Date.now() + WAIT_MS;
  while (Date.now() < end) {
    const hit = list.slice(from).find((t) => t.state === state);
    if (hit) return hit;
    await sleep(2);
  }
  return null;
}

export async function runP2(engine: EngineClient, berthUrl: string, hostA: string, p2Id: string, iterations: number): Promise<P2Result> {
  const raw = await followEvents(engine.socketPath, { type: ['container'], container: [p2Id] }, wallNow);
  let sse: StateWatch | null = null;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    sse = await watchSse(berthUrl, p2Id, wallNow);
    // signed in as the bench admin, as a user would be (Berth shows nothing to a stranger)
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: await browserSession(browser, berthUrl) });
    const page = await ctx.newPage();
    const pageT: Transition[] = [];
    const pageSse: Transition[] = [];
    await page.exposeFunction('__benchState', (state: string, at: number) => void pageT.push({ state, at }));
    await page.exposeFunction('__benchSse', (state: string, at: number) => void pageSse.push({ state, at }));
    await page.addInitScript(SSE_TAP(p2Id));
    log(`P2: opening ${berthUrl}/containers?host=${hostA} in Chromium`);
    await page.goto(`${berthUrl}/containers?host=${encodeURIComponent(hostA)}`, { timeout: 60_000 });
    await page.locator(LIVE).first().waitFor({ timeout: 60_000 });
    // The table is virtualized: filter it down to the one container so its row is certainly in the DOM.
    await page.getByRole('searchbox', { name: 'Search containers' }).fill(P2_NAME);
    await page.locator(ROW).waitFor({ timeout: 30_000 });
    const initial = (await page.evaluate(OBSERVE)) as string;
    if (initial !== 'running') throw new Error(`${P2_NAME} shows "${initial}" in the page; expected running`);
    const clock = await clockOffset(page);
    log(`P2: page clock offset ${clock.offsetMs} ms (Date.now: ${clock.dateNowOffsetMs} ms, rtt ${clock.rttMs} ms); ${iterations} stop/start cycles`);

    const rawFrom = raw.events.length;
    const pageFrom = pageT.length;
    const sseFrom = sse.transitions.length;
    const samples: P2Iteration[] = [];
    for (let i = 0; i < iterations; i++) {
      const action = i % 2 === 0 ? 'stop' : 'start';
      const expected = action === 'stop' ? 'exited' : 'running';
      const eventName = action === 'stop' ? 'die' : 'start';
      const [pi, si, ri, qi] = [pageT.length, sse.transitions.length, raw.events.length, pageSse.length];
      const t0 = wallNow();
      await engine.json('POST', `/containers/${p2Id}/${action === 'stop' ? 'stop?t=0' : 'start'}`);
      const engineMs = wallNow() - t0;
      const [pg, ss, ev, ps] = await Promise.all([
        waitFor(pageT, pi, expected),
        waitFor(sse.transitions, si, expected),
        (async () => {
          const end = Date.now() + WAIT_MS;
          while (Date.now() < end) {
            const hit = raw.events.slice(ri).find((e) => e.action === eventName);
            if (hit) return hit;
            await sleep(2);
          }
          return null;
        })(),
        waitFor(pageSse, qi, expected),
      ]);
      samples.push({
        action,
        expected,
        pageMs: pg ? pg.at - clock.offsetMs - t0 : null,
        sseMs: ss ? ss.at - t0 : null,
        pageSseMs: ps ? ps.at - clock.offsetMs - t0 : null,
        engineMs,
        eventMs: ev ? ev.at - t0 : null,
      });
      if (!pg) log(`  iteration ${i + 1}: the page did not show "${expected}" within ${WAIT_MS} ms`);
      if ((i + 1) % 20 === 0) log(`  ${i + 1}/${iterations}`);
      // A varied gap, so iterations sample every phase of the heartbeat and the page's own timers.
      await sleep(100 + Math.random() * 200);
    }
    await sleep(2000); // let anything late arrive before counting
    const rawAll: Record<string, number> = {};
    for (const e of raw.events.slice(rawFrom)) rawAll[e.action] = (rawAll[e.action] ?? 0) + 1;
    const rawStartDie = (rawAll.start ?? 0) + (rawAll.die ?? 0);
    const ok = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
    const pageS = summarize(ok(samples.map((s) => s.pageMs)));
    const missedInPage = samples.filter((s) => s.pageMs === null).length;
    const part = (a: 'stop' | 'start') => {
      const xs = samples.filter((s) => s.action === a);
      return {
        page: summarize(ok(xs.map((s) => s.pageMs))),
        sse: summarize(ok(xs.map((s) => s.sseMs))),
        engine: summarize(xs.map((s) => s.engineMs)),
        rawEvent: summarize(ok(xs.map((s) => s.eventMs))),
      };
    };
    return {
      iterations,
      clock,
      byAction: { stop: part('stop'), start: part('start') },
      page: pageS,
      sse: summarize(ok(samples.map((s) => s.sseMs))),
      pageSse: summarize(ok(samples.map((s) => s.pageSseMs))),
      browserShare: summarize(ok(samples.map((s) => (s.pageMs !== null && s.pageSseMs !== null ? s.pageMs - s.pageSseMs : null)))),
      engine: summarize(samples.map((s) => s.engineMs)),
      rawEvent: summarize(ok(samples.map((s) => s.eventMs))),
      berthShare: summarize(ok(samples.map((s) => (s.pageMs !== null && s.eventMs !== null ? s.pageMs - s.eventMs : null)))),
      counts: {
        rawStartDie,
        rawAll,
        pageTransitions: pageT.length - pageFrom,
        sseTransitions: sse.transitions.length - sseFrom,
        missedInPage,
        missedInSse: samples.filter((s) => s.sseMs === null).length,
      },
      pass: missedInPage === 0 && pageS.p95 <= P2_TARGET_P95_MS && pageT.length - pageFrom === rawStartDie,
      samples,
    };
  } finally {
    sse?.close();
    raw.close();
    await browser.close();
  }
}
