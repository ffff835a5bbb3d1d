import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { sleep } from './lib/env';
import { type Summary, summarize } from './lib/stats';

/**
 * P8, the catalog page part: in Chromium, signed in, /catalog with the 1,000 generated templates (plus the built-in
 * ones) — the first render, then the latency of every keystroke in the search box.
 *
 * First render = from the navigation's start (performance.timeOrigin) to the end of the first frame painted after the
 * DOM holds the template cards and the count ("N of N templates"). The page fetches the list after hydration, so at
 * that moment the page is interactive. "After the frame" is taken as a task queued from the requestAnimationFrame
 * callback of the next frame: it runs once that frame's style, layout and paint are done.
 *
 * Keystroke = from the keydown's event.timeStamp to the end of the first frame painted after the list shows the
 * results for the text typed so far (the list's data-query attribute names the query it shows; a page without it
 * counts the first change to the list after the key). Keys are pressed 100 ms apart, as a fast typist does; the
 * query is typed, then erased with Backspace back to the full list, so both the narrowing and the widening count.
 */

const INIT = `(() => {
  const s = (window.__p8 = { first: null, firstDom: null, keys: [], commits: [], clicks: [] });
  const afterPaint = (cb) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => cb(performance.now()); ch.port2.postMessage(0); });
  let lastSeen = '';
  const check = () => {
    const ul = document.querySelector('ul[aria-label="Templates"]');
    const header = document.querySelector('h1')?.parentElement?.querySelector('p')?.textContent ?? '';
    if (!ul) return;
    if (!s.first && ul.querySelector('li') && / of \\d+ templates?/.test(header)) {
      s.firstDom = performance.now();
      s.first = -1;
      afterPaint((t) => (s.first = t));
    }
    const sig = (ul.getAttribute('data-query') ?? '') + '|' + header + '|' + ul.childElementCount + '|' + (ul.firstElementChild?.getAttribute('data-id') ?? '') + '|' + (ul.lastElementChild?.getAttribute('data-id') ?? '');
    if (s.first && sig !== lastSeen) {
      lastSeen = sig;
      const q = ul.getAttribute('data-query');
      const dom = performance.now();
      afterPaint((t) => s.commits.push({ dom, t, q }));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener('keydown', (e) => s.keys.push({ t: e.timeStamp, key: e.key }), true);
  document.addEventListener('click', (e) => s.clicks.push(e.timeStamp), true);
  document.addEventListener('input', (e) => { if (e.target?.dataset?.testid === 'catalog-search') s.keys.at(-1).value = e.target.value; }, true);
})();`;

interface P8State {
  first: number | null;
  firstDom: number | null;
  keys: { t: number; key: string; value?: string }[];
  commits: { dom: number; t: number; q: string | null }[];
  clicks: number[];
}

export interface FirstRender {
  ms: number;
  domMs: number;
  ttfbMs: number;
  domContentLoadedMs: number;
  listFetchEndMs: number;
  listFetchMs: number;
  cards: number;
}

export interface Keystroke {
  key: string;
  value: string;
  ms: number | null;
  domMs: number | null;
}

/** Opens /catalog in a fresh browser context (nothing cached) and times its first render. */
export async function firstRender(
  browser: Browser,
  state: BrowserContextOptions['storageState'],
  url: string,
): Promise<{ page: Page; close: () => Promise<void>; r: FirstRender }> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: state });
  const page = await ctx.newPage();
  await page.addInitScript(INIT);
  await page.goto(`${url}/catalog`, { waitUntil: 'load' });
  await page.waitForFunction(() => ((window as unknown as { __p8: P8State }).__p8.first ?? -1) > 0, undefined, { timeout: 60_000 });
  const r = await page.evaluate(() => {
    const s = (window as unknown as { __p8: P8State }).__p8;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const list = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => new URL(e.name).pathname === '/api/v1/catalog');
    return {
      ms: s.first!,
      domMs: s.firstDom!,
      ttfbMs: nav.responseStart,
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      listFetchEndMs: list?.responseEnd ?? NaN,
      listFetchMs: list ? list.responseEnd - list.startTime : NaN,
      cards: document.querySelectorAll('ul[aria-label="Templates"] > li').length,
    };
  });
  return { page, close: () => ctx.close(), r };
}

/**
 * The way most users reach the catalog: from another page of the app (here /activity, loaded and idle), a click on
 * the navigation's Catalog link; from the click to the list painted, in the same document.
 */
export async function inAppNavigation(page: Page, url: string): Promise<{ ms: number; domMs: number }> {
  await page.goto(`${url}/activity`, { waitUntil: 'load' });
  await sleep(1500);
  await page.locator('a[href="/catalog"]:visible').first().click();
  await page.waitForFunction(() => ((window as unknown as { __p8: P8State }).__p8.first ?? -1) > 0, undefined, { timeout: 60_000 });
  return page.evaluate(() => {
    const s = (window as unknown as { __p8: P8State }).__p8;
    const click = s.clicks.at(-1)!;
    return { ms: s.first! - click, domMs: s.firstDom! - click };
  });
}

/** Types `query` key by key, then erases it, and times every keystroke (see the header). */
export async function keystrokes(page: Page, query: string, gapMs = 100): Promise<Keystroke[]> {
  const box = page.getByTestId('catalog-search');
  await box.click();
  await page.evaluate(() => {
    const s = (window as unknown as { __p8: P8State }).__p8;
    s.keys = [];
    s.commits = [];
  });
  const keys = [...query.split(''), ...query.split('').map(() => 'Backspace')];
  for (const k of keys) {
    await page.keyboard.press(k === ' ' ? 'Space' : k);
    await sleep(gapMs);
  }
  await sleep(1000);
  const s = await page.evaluate(() => (window as unknown as { __p8: P8State }).__p8);
  const values = s.keys.map((k) => k.value ?? '');
  return s.keys.map((k, i) => {
    // the list that answers keystroke i shows its text, or a later one when the page skipped to it
    const later = new Set(values.slice(i));
    const c = s.commits.find((x) => x.dom >= k.t && (x.q === null ? true : later.has(x.q)));
    return { key: k.key, value: values[i], ms: c ? c.t - k.t : null, domMs: c ? c.dom - k.t : null };
  });
}

export interface PageRuns {
  first: FirstRender[];
  warm: FirstRender[];
  nav: { ms: number; domMs: number }[];
  keys: Keystroke[];
  summary: { first: Summary; firstDom: Summary; warm: Summary; nav: Summary; keys: Summary; keysDom: Summary; unanswered: number };
}

const QUERIES = ['postgres backup', 'monitoring', 'redis'];

export async function runPageRuns(
  browser: Browser,
  state: BrowserContextOptions['storageState'],
  url: string,
  runs: number,
  log: (m: string) => void,
): Promise<PageRuns> {
  const first: FirstRender[] = [];
  const warm: FirstRender[] = [];
  const keys: Keystroke[] = [];
  const nav: { ms: number; domMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const { page, close, r } = await firstRender(browser, state, url);
    first.push(r);
    // the same page again in the same context: scripts now come from the browser's cache
    await page.goto(`${url}/catalog`, { waitUntil: 'load' });
    await page.waitForFunction(() => ((window as unknown as { __p8: P8State }).__p8.first ?? -1) > 0, undefined, { timeout: 60_000 });
    const w = await page.evaluate(() => {
      const s = (window as unknown as { __p8: P8State }).__p8;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const list = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => new URL(e.name).pathname === '/api/v1/catalog');
      return {
        ms: s.first!,
        domMs: s.firstDom!,
        ttfbMs: nav.responseStart,
        domContentLoadedMs: nav.domContentLoadedEventEnd,
        listFetchEndMs: list?.responseEnd ?? NaN,
        listFetchMs: list ? list.responseEnd - list.startTime : NaN,
        cards: document.querySelectorAll('ul[aria-label="Templates"] > li').length,
      };
    });
    warm.push(w);
    const q = QUERIES[i % QUERIES.length];
    const k = await keystrokes(page, q);
    keys.push(...k);
    nav.push(await inAppNavigation(page, url));
    await close();
    const ok = k.filter((x) => x.ms !== null).map((x) => x.ms!);
    log(
      `P8 page run ${i + 1}/${runs}: first render ${r.ms.toFixed(0)} ms (list fetched ${Number.isNaN(r.listFetchEndMs) ? 'after the paint' : `at ${r.listFetchEndMs.toFixed(0)} ms`}, ${r.cards} cards), again ${w.ms.toFixed(0)} ms, from /activity's link ${nav.at(-1)!.ms.toFixed(0)} ms; "${q}" typed and erased: keystroke p50 ${summarize(ok).p50.toFixed(1)} ms, max ${summarize(ok).max.toFixed(1)} ms`,
    );
  }
  const ok = keys.filter((x) => x.ms !== null);
  return {
    first,
    warm,
    nav,
    keys,
    summary: {
      first: summarize(first.map((x) => x.ms)),
      firstDom: summarize(first.map((x) => x.domMs)),
      warm: summarize(warm.map((x) => x.ms)),
      nav: summarize(nav.map((x) => x.ms)),
      keys: summarize(ok.map((x) => x.ms!)),
      keysDom: summarize(ok.map((x) => x.domMs!)),
      unanswered: keys.length - ok.length,
    },
  };
}
