/**
 * Issue #11: how long does checking a ~1 MiB compose file hold the event loop of the process serving it? Drives the
 * real route handler (POST /api/v1/hosts/{id}/stacks/validate) in this process, as the integration tests do, so the
 * worker path is what is measured, and records perf_hooks.monitorEventLoopDelay (1 ms resolution: figures include
 * that 1 ms) plus the slowest answer of GET /api/health polled every 20 ms meanwhile. No harness needed (SQLite, no
 * Docker host: validate without `stack` reaches no daemon).
 *
 * On a shared machine a delay is either work on the event loop or the main thread waiting for a CPU that other
 * processes hold. Linux's schedstat of the main thread tells them apart: for the longest delay of each run the table
 * shows how much of it the main thread actually ran ("busy"), which is what this process's code is responsible for.
 *
 *   npx tsx bench/validate-lag.ts [--runs=3] [--inline] [--shapes=many-labels,deep-nesting]
 *
 * --inline checks every file on the event loop (the worker threshold raised past 1 MiB), to show what the worker saves.
 * Target: max event-loop delay < 100 ms for every shape. Results: stdout (markdown) and bench/out/validate-lag-*.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as healthRoute from '@/app/api/health/route';
import * as validateRoute from '@/app/api/v1/hosts/[id]/stacks/validate/route';
import { ALL_HOSTS, putGrant } from '@/server/auth/grants';
import { issueToken } from '@/server/auth/tokens';
import { createLocalUser } from '@/server/auth/users';
import { validationTuning } from '@/server/compose/validate-pool';
import { loadConfig } from '@/server/config';
import { installBerth, startBerth } from '@/server/context';
import { SHAPES, type ShapeName } from './lib/compose-shapes';
import { OUT_DIR } from './lib/env';
import { loadNow } from './lib/report';

const TARGET_MS = 100;
const HOST = 'bench-host';

interface Row {
  shape: string;
  bytes: number;
  run: number;
  status: number;
  answer: string;
  wallMs: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** of the longest stall seen by a 1 ms ticker: how long the main thread ran in it (the rest it waited for a CPU) */
  stallMs: number;
  stallBusyMs: number;
  /** the most the main thread ran between two ticks: how long this process's own work held the loop */
  maxBusyMs: number;
  healthMaxMs: number;
  healthCalls: number;
}

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const ms = (ns: number) => Math.round(ns / 1e4) / 100;

/** Nanoseconds the main thread has run on a CPU (Linux), or 0 where that is unknown. */
function mainCpuNs(): number {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}

/**
 * Gaps between ticks of a 1 ms timer since reset(): the longest, how long the main thread ran during it, and the most
 * it ran within any one gap (the longest the event loop was held by this process's own work).
 */
function stallMeter() {
  let at = performance.now();
  let cpu = mainCpuNs();
  let worst = { gapMs: 0, busyMs: 0, maxBusyMs: 0 };
  const t = setInterval(() => {
    const now = performance.now();
    const c = mainCpuNs();
    const busy = (c - cpu) / 1e6;
    if (now - at > worst.gapMs) worst = { ...worst, gapMs: now - at, busyMs: busy };
    worst.maxBusyMs = Math.max(worst.maxBusyMs, busy);
    at = now;
    cpu = c;
  }, 1);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    reset: () => {
      at = performance.now();
      cpu = mainCpuNs();
      worst = { gapMs: 0, busyMs: 0, maxBusyMs: 0 };
    },
    worst: () => ({ gapMs: r(worst.gapMs), busyMs: r(worst.busyMs), maxBusyMs: r(worst.maxBusyMs) }),
    stop: () => clearInterval(t),
  };
}

async function main(): Promise<void> {
  const runs = Number(arg('runs') ?? 3);
  const inline = process.argv.includes('--inline');
  const shapes = (arg('shapes')?.split(',') ?? Object.keys(SHAPES)) as ShapeName[];
  if (inline) validationTuning.inlineMaxChars = Infinity;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-validate-'));
  const berth = await startBerth(loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_AUTO_REGISTER: '0' }));
  installBerth(berth);
  const user = await createLocalUser(berth.db, 'bench-viewer', 'bench-viewer-Pa55word!');
  await putGrant(berth.db, { subject_kind: 'user', subject: user.id, host_id: ALL_HOSTS, role: 'viewer' });
  const token = (await issueToken(berth.db, user.id, 'bench', 'api', null)).token;
  const headers = { host: 'localhost:3000', 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const call = (body: string) =>
    validateRoute.POST(new Request(`http://localhost:3000/api/v1/hosts/${HOST}/stacks/validate`, { method: 'POST', headers, body }), {
      params: Promise.resolve({ id: HOST }),
    });

  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const stalls = stallMeter();
  const rows: Row[] = [];
  const measure = async (shape: string, body: string, bytes: number, run: number) => {
    // the health check other users' browsers and load balancers keep making, every 20 ms; its wait counts from when it
    // was due, so a held event loop shows even though no request can start meanwhile
    let healthMax = 0;
    let healthCalls = 0;
    let polling = true;
    const poll = (async () => {
      let due = performance.now();
      while (polling) {
        await healthRoute.GET(new Request('http://localhost:3000/api/health', { headers: { host: 'localhost:3000' } }));
        healthMax = Math.max(healthMax, performance.now() - due);
        healthCalls++;
        due = performance.now() + 20;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    h.reset();
    stalls.reset();
    // the histogram discards its first sample after a reset: let it take one before the request starts
    await new Promise((r) => setTimeout(r, 3));
    const t = performance.now();
    const res = await call(body);
    const json = (await res.json()) as { ok?: boolean; issues?: unknown[]; error?: { message: string } };
    const wallMs = performance.now() - t;
    // let the timers run once: a loop the request held is only recorded when they fire late
    await new Promise((r) => setTimeout(r, 5));
    const row: Row = {
      shape,
      bytes,
      run,
      status: res.status,
      answer: json.error ? json.error.message.slice(0, 60) : json.ok ? 'ok' : `${json.issues?.length} issues`,
      wallMs: Math.round(wallMs),
      lagP99Ms: ms(h.percentile(99)),
      lagMaxMs: ms(h.max),
      stallMs: stalls.worst().gapMs,
      stallBusyMs: stalls.worst().busyMs,
      maxBusyMs: stalls.worst().maxBusyMs,
      healthMaxMs: 0,
      healthCalls: 0,
    };
    polling = false;
    await poll;
    row.healthMaxMs = Math.round(healthMax * 10) / 10;
    row.healthCalls = healthCalls;
    rows.push(row);
    console.error(`${shape} #${run}: ${JSON.stringify(row)}`);
  };

  // the noise floor of this machine: the same measurement with no check running
  for (let run = 1; run <= runs; run++) {
    h.reset();
    stalls.reset();
    await new Promise((r) => setTimeout(r, 3));
    await new Promise((r) => setTimeout(r, 3000));
    const w = stalls.worst();
    rows.push({
      shape: '(idle, 3 s)',
      bytes: 0,
      run,
      status: 0,
      answer: '',
      wallMs: 3000,
      lagP99Ms: ms(h.percentile(99)),
      lagMaxMs: ms(h.max),
      stallMs: w.gapMs,
      stallBusyMs: w.busyMs,
      maxBusyMs: w.maxBusyMs,
      healthMaxMs: 0,
      healthCalls: 0,
    });
  }
  for (const shape of shapes) {
    const compose = SHAPES[shape]();
    const body = JSON.stringify({ compose, env: 'A=1\nW=w\n' });
    for (let run = 1; run <= runs; run++) {
      await measure(shape, body, Buffer.byteLength(compose), run);
      // the per-user limit is for typing; the bench is not typing
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  h.disable();
  stalls.stop();
  await berth.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const command = `npx tsx bench/validate-lag.ts ${process.argv.slice(2).join(' ')}`.trim();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(
    path.join(OUT_DIR, `validate-lag-${stamp}.json`),
    JSON.stringify({ command, inline, cpus: os.cpus().length, node: process.version, loadavg: loadNow(), rows }, null, 2),
  );

  console.log(`\`${command}\` — ${os.cpus().length} cores, Node ${process.version}, load average at the end ${loadNow().join(' / ')}\n`);
  console.log(
    '| shape | size | runs | answer | wall (max) | event-loop delay p99 (max of runs) | event-loop delay max | longest stall: main thread busy / stall | loop held by own work (max) | /api/health slowest (from when due) | target max < 100 ms: delay / own work |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const shape of [...new Set(rows.map((r) => r.shape))]) {
    const rs = rows.filter((r) => r.shape === shape);
    const max = Math.max(...rs.map((r) => r.lagMaxMs));
    const idle = shape.startsWith('(');
    const stall = rs.reduce((a, r) => (r.stallMs > a.stallMs ? r : a));
    const held = Math.max(...rs.map((r) => r.maxBusyMs));
    const verdict = (ok: boolean) => (ok ? '**PASS**' : '**FAIL**');
    console.log(
      `| ${shape} | ${idle ? '—' : `${(rs[0].bytes / 1024).toFixed(0)} KiB`} | ${rs.length} | ${idle ? '—' : `${rs[0].status} ${rs[0].answer}`} | ${idle ? '—' : `${Math.max(...rs.map((r) => r.wallMs))} ms`} | ${Math.max(...rs.map((r) => r.lagP99Ms))} ms | ${max} ms | ${stall.stallBusyMs} / ${stall.stallMs} ms | ${held} ms | ${idle ? '—' : `${Math.max(...rs.map((r) => r.healthMaxMs))} ms`} | ${idle ? '—' : `${verdict(max < TARGET_MS)} / ${verdict(held < TARGET_MS)}`} |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  },
);
