import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MemResult } from '../mem';
import type { P1Result } from '../p1';
import { P1_TARGET_RATIO } from '../p1';
import type { P2Result } from '../p2';
import { P2_TARGET_P95_MS } from '../p2';
import { OUT_DIR, ROOT } from './env';

export interface Results {
  meta: ReturnType<typeof machine> & {
    command: string;
    startedAt: string;
    finishedAt?: string;
    fleet: { total: number; running: number; setupSeconds: number };
  };
  mem?: MemResult;
  p1?: P1Result;
  p2?: P2Result;
  /** P2 again with alert rules on every container kind (issue #17: evaluation's cost on the live path) */
  p2Alerts?: P2Result;
  rss?: Record<string, { rssMiB: number; hwmMiB: number }>;
  /** 1/5/15-minute load averages before each phase: the machine is shared, so noise must be visible */
  load?: Record<string, number[]>;
}

export const loadNow = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

function tryRun(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** What the figures were measured on: they mean little without the machine and the code revision. */
export function machine(dockerSocket: string) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: os.release(),
    os: tryRun('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']),
    node: process.version,
    chromium: tryRun('/usr/bin/chromium', ['--version']),
    engine: tryRun('/usr/bin/docker', ['-H', `unix://${dockerSocket}`, 'version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}})']),
    commit: tryRun('git', ['rev-parse', '--short', 'HEAD']),
    dirtyFiles: tryRun('git', ['status', '--porcelain']).split('\n').filter(Boolean).length,
    loadavgAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function writeResults(name: string, r: Results): string {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const stamp = r.meta.startedAt.replace(/[:.]/g, '-');
  const file = path.join(OUT_DIR, `${name}-${stamp}.json`);
  fs.writeFileSync(file, JSON.stringify(r, null, 2));
  fs.writeFileSync(path.join(OUT_DIR, `latest-${name}.json`), JSON.stringify(r, null, 2));
  return file;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? '**PASS**' : '**FAIL**');

/** Markdown tables in the shape of bench/RESULTS.md, printed at the end of a run. */
export function markdown(r: Results): string {
  const out: string[] = [];
  if (r.p1) {
    const p = r.p1;
    out.push(
      `### P1 — container list, ${p.containersRaw} containers on A, ${p.runs} interleaved runs`,
      '',
      '| | p50 | p95 | min | max | TTFB p50 | body |',
      '|---|---|---|---|---|---|---|',
      `| raw Engine \`GET /containers/json?all=1\` | ${ms(p.raw.p50)} | ${ms(p.raw.p95)} | ${ms(p.raw.min)} | ${ms(p.raw.max)} | ${ms(p.rawTtfb.p50)} | ${(p.bytesRaw / 1024).toFixed(0)} KiB, ${p.containersRaw} items |`,
      `| Berth \`GET /api/v1/containers?host=A\` | ${ms(p.berth.p50)} | ${ms(p.berth.p95)} | ${ms(p.berth.min)} | ${ms(p.berth.max)} | ${ms(p.berthTtfb.p50)} | ${(p.bytesBerth / 1024).toFixed(0)} KiB, ${p.containersBerth} items |`,
      `| ratio Berth/raw | ${p.ratioP50.toFixed(3)}× | ${p.ratioP95.toFixed(3)}× | | | | |`,
      '',
      `Target Berth/raw ≤ ${P1_TARGET_RATIO.toFixed(1)}× (median): ${verdict(p.pass)}; at p95: ${verdict(p.ratioP95 <= P1_TARGET_RATIO)}`,
      '',
    );
  }
  if (r.p2) {
    const p = r.p2;
    out.push(
      `### P2 — Engine stop/start → row \`data-state\` in the page, ${p.iterations} iterations`,
      '',
      '| from Engine request sent to… | p50 | p95 | max |',
      '|---|---|---|---|',
      `| Engine answered the stop/start call | ${ms(p.engine.p50)} | ${ms(p.engine.p95)} | ${ms(p.engine.max)} |`,
      `| raw \`/events\` delivered die/start | ${ms(p.rawEvent.p50)} | ${ms(p.rawEvent.p95)} | ${ms(p.rawEvent.max)} |`,
      `| Berth SSE \`/api/v1/live\` delivered the new state (node client) | ${ms(p.sse.p50)} | ${ms(p.sse.p95)} | ${ms(p.sse.max)} |`,
      `| the live message reached the page's EventSource | ${ms(p.pageSse.p50)} | ${ms(p.pageSse.p95)} | ${ms(p.pageSse.max)} |`,
      `| **row \`data-state\` changed in Chromium** | **${ms(p.page.p50)}** | **${ms(p.page.p95)}** | **${ms(p.page.max)}** |`,
      `| (page minus raw event: Berth's own share) | ${ms(p.berthShare.p50)} | ${ms(p.berthShare.p95)} | ${ms(p.berthShare.max)} |`,
      `| (page minus message in page: the browser's share) | ${ms(p.browserShare.p50)} | ${ms(p.browserShare.p95)} | ${ms(p.browserShare.max)} |`,
      '',
      '| p50 / p95 by action | Engine call | raw event | Berth SSE | page |',
      '|---|---|---|---|---|',
      ...(['stop', 'start'] as const).map((a) => {
        const b = p.byAction[a];
        const c = (s: { p50: number; p95: number }) => `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} ms`;
        return `| ${a} (${a === 'stop' ? '`stop?t=0` → die' : '`start` → start'}) | ${c(b.engine)} | ${c(b.rawEvent)} | ${c(b.sse)} | ${c(b.page)} |`;
      }),
      '',
      `Counts: raw start+die events ${p.counts.rawStartDie} (${Object.entries(p.counts.rawAll)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}); ` +
        `page transitions ${p.counts.pageTransitions}; SSE transitions ${p.counts.sseTransitions}; iterations the page missed ${p.counts.missedInPage}, SSE missed ${p.counts.missedInSse}.`,
      `Clock: page − node offset ${p.clock.offsetMs} ms (Date.now ${p.clock.dateNowOffsetMs} ms), measured with a ${p.clock.rttMs} ms round trip.`,
      '',
      `Target p95 ≤ ${P2_TARGET_P95_MS} ms and no missed transition: ${verdict(p.pass)}`,
      '',
    );
  }
  if (r.mem) {
    const m = r.mem;
    out.push(
      `### mem — server RSS after ${m.idleMs / 1000} s idle (hosts A + B, ${r.meta.fleet.total + 1} bench containers on A)`,
      '',
      '| pid (= listener) | VmRSS | VmHWM | RSS over the idle period | child processes |',
      '|---|---|---|---|---|',
      `| ${m.pid} (${m.listenerPid}) | ${m.rssMiB} MiB | ${m.hwmMiB} MiB | ${m.series.map((s) => `${s.atS}s: ${s.rssMiB}`).join(', ')} | ${m.children.map((c) => `${c.comm} ${c.rssMiB} MiB`).join(', ') || 'none'} |`,
      '',
    );
  }
  if (r.load)
    out.push(
      `Load average (1/5/15 min): ${Object.entries(r.load)
        .map(([k, v]) => `${k} ${v.join(' ')}`)
        .join('; ')}`,
      '',
    );
  if (r.rss)
    out.push(
      `RSS readings: ${Object.entries(r.rss)
        .map(([k, v]) => `${k} ${v.rssMiB} MiB (HWM ${v.hwmMiB})`)
        .join('; ')}`,
      '',
    );
  return out.join('\n');
}
