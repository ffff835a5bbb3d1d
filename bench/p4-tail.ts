import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { OUT_DIR } from './lib/env';

/**
 * The three clocks of P4's tail half (bench/p4.ts): the docker CLI, the Berth page in Chromium, and Berth's API alone.
 */

export const VIEWPORT = { width: 1280, height: 800 };

/** Times one `docker logs --tail 1000`: process start to exit, with its output read through a pipe. */
export function timeDockerLogs(cli: string, socket: string, id: string): Promise<{ ms: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn(cli, ['-H', `unix://${socket}`, 'logs', '--tail', '1000', id], { stdio: ['ignore', 'pipe', 'ignore'] });
    let nl = 0;
    p.stdout.on('data', (c: Buffer) => {
      for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) nl++;
    });
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0 ? resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, lines: nl }) : reject(new Error(`docker logs exited ${code}`)),
    );
  });
}

const shownIn = (text: string) => {
  const v = document.querySelector('[data-testid="logs-viewer"]');
  if (!v || v.getAttribute('data-lines') !== '1000') return false;
  const scroller = document.querySelector('[data-testid="log-scroller"]')?.getBoundingClientRect();
  for (const r of document.querySelectorAll('[data-testid="log-line"]')) {
    if (!r.textContent?.includes(text)) continue;
    const b = r.getBoundingClientRect();
    if (scroller && b.bottom <= scroller.bottom + 1 && b.top >= scroller.top - 1) return true;
  }
  return false;
};

/**
 * In a fresh tab, ms until the 1,000th line is counted and the last line is on screen. `load`: from navigation
 * start of the container page opened on its Logs tab (page load included). `tab`: the container page already
 * loaded on its first tab, from the click on "Logs".
 */
export async function timeBerthLogs(
  browser: Browser,
  state: BrowserContextOptions['storageState'],
  url: string,
  last: string,
  mode: 'load' | 'tab',
): Promise<number> {
  const ctx = await browser.newContext({ viewport: VIEWPORT, storageState: state });
  try {
    const page = await ctx.newPage();
    await page.addInitScript(`window.__shownIn = ${shownIn.toString()}`);
    let t0 = 0;
    if (mode === 'load') await page.goto(`${url}?tab=logs`, { waitUntil: 'commit' });
    else {
      await page.goto(url);
      const tab = page.getByRole('tab', { name: 'Logs' });
      await tab.waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      t0 = await tab.evaluate((el) => {
        const t = performance.now();
        (el as HTMLElement).click();
        return t;
      });
    }
    const handle = await page
      .waitForFunction((text) => ((window as unknown as { __shownIn: (t: string) => boolean }).__shownIn(text) ? performance.now() : false), last, {
        polling: 'raf',
        timeout: 60_000,
      })
      .catch(async (e: Error) => {
        const shot = path.join(OUT_DIR, `p4-timeout-${Date.now()}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        const viewer = await page
          .locator('[data-testid="logs-viewer"]')
          .evaluate((v) => `status ${v.getAttribute('data-status')}, ${v.getAttribute('data-lines')} lines`)
          .catch(() => 'no logs viewer');
        throw new Error(`${mode}: the last line was not on screen in 60 s (${viewer}; ${page.url()}; screenshot ${shot}): ${e.message}`);
      });
    return ((await handle.jsonValue()) as number) - t0;
  } finally {
    await ctx.close();
  }
}

/** The API alone, as the Logs tab asks it (follow, tail 1000, SSE): ms until 1,000 lines have arrived. */
export function timeApi(url: string, p: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.get(`${url}${p}`, { headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
      let buf = '';
      let n = 0;
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        buf += c;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.startsWith('data: ')) {
            const m = JSON.parse(block.slice(6)) as { type: string; lines?: unknown[] };
            if (m.type === 'lines') n += m.lines!.length;
          }
        }
        if (n >= 1000) {
          resolve(Number(process.hrtime.bigint() - t0) / 1e6);
          req.destroy();
        }
      });
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
  });
}
