import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { loadHarness, log, OUT_DIR, sleep } from './lib/env';
import { browserSession, cpuSeconds, createSleepers, daemonProcs, EngineClient, removeSleepers, type Server, startServer, sumCpu } from './p3-lib';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

/**
 * P3: what watching 50 running containers costs the Docker daemon, Berth against `docker stats`, in the same run.
 *
 *   npx tsx bench/run.ts p3 [--duration-s=300] [--slice-s=30] [--containers=50] [--viewport=1280x720] [--port=3321]
 *
 * The run alternates slices of the same length (so the other work on this shared machine falls on all phases alike):
 *   idle   Berth's server up (heartbeat, /events) but no page open and no `docker stats`: the baseline;
 *   cli    `docker stats` over the 50 containers (DOCKER_CLI -H unix://DOCKER_A_SOCKET stats <names>);
 *   berth  the container list open in Chromium (a fresh tab per slice, so its opening is counted too).
 * until each phase has `duration-s` seconds. Extra CPU of a phase = its dockerd + containerd CPU-seconds minus the
 * idle phase's. One slice before Berth starts ("none") shows what Berth's server costs with no page open at all.
 */

interface Flags {
  durationS: number;
  sliceS: number;
  containers: number;
  viewport: { width: number; height: number };
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
  const [w, h] = (f.get('viewport') ?? '1280x720').split('x').map(Number);
  return {
    durationS: num('duration-s', 300),
    sliceS: num('slice-s', 30),
    containers: num('containers', 50),
    viewport: { width: w, height: h },
    port: num('port', 3321),
  };
}

type Phase = 'idle' | 'cli' | 'berth';
interface Slice {
  phase: Phase | 'none';
  seconds: number;
  dockerd: number;
  containerd: number;
  shims: number;
  server: number;
}

export async function runP3(argv: string[]): Promise<void> {
  const o = parse(argv);
  const env = loadHarness() as ReturnType<typeof loadHarness> & { DOCKER_CLI?: string };
  const cli = env.DOCKER_CLI ?? '/usr/bin/docker';
  const engine = new EngineClient(env.DOCKER_A_SOCKET);
  const procs = daemonProcs(env.DOCKER_A_SOCKET);
  log(
    `p3: dockerd ${procs.dockerd}, containerd ${procs.containerd}; ${o.containers} containers, ${o.durationS} s per phase in ${o.sliceS} s slices, viewport ${o.viewport.width}x${o.viewport.height}`,
  );
  const ids = await createSleepers(engine, env.TEST_IMAGE, o.containers);
  let server: Server | null = null;
  let browser: Browser | null = null;
  let dockerStats: ChildProcess | null = null;
  const slices: Slice[] = [];
  try {
    await sleep(3000);
    const measure = async (phase: Slice['phase'], run: () => Promise<() => Promise<void>>) => {
      const shimPids = procs.shims();
      const t0 = Date.now();
      const d0 = cpuSeconds(procs.dockerd);
      const c0 = cpuSeconds(procs.containerd);
      const s0 = sumCpu(shimPids);
      const b0 = server ? cpuSeconds(server.pid) : 0;
      const end = await run();
      await sleep(Math.max(0, o.sliceS * 1000 - (Date.now() - t0)));
      const slice: Slice = {
        phase,
        seconds: (Date.now() - t0) / 1000,
        dockerd: cpuSeconds(procs.dockerd) - d0,
        containerd: cpuSeconds(procs.containerd) - c0,
        shims: sumCpu(shimPids) - s0,
        server: server ? cpuSeconds(server.pid) - b0 : 0,
      };
      await end();
      slices.push(slice);
      log(
        `p3: ${phase.padEnd(5)} ${slice.seconds.toFixed(1)} s: dockerd ${slice.dockerd.toFixed(2)} + containerd ${slice.containerd.toFixed(2)} (shims ${slice.shims.toFixed(2)}), server ${slice.server.toFixed(2)} CPU-s`,
      );
    };
    const nothing = async () => async () => {};
    await measure('none', nothing);

    server = await startServer({ port: o.port, socket: env.DOCKER_A_SOCKET });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const storageState = await browserSession(browser, server.url);
    await sleep(5000); // initial sync done, heartbeat settled
    const rounds = Math.ceil(o.durationS / o.sliceS);
    for (let i = 0; i < rounds; i++) {
      await measure('idle', nothing);
      await measure('cli', async () => {
        dockerStats = spawn(cli, ['-H', `unix://${env.DOCKER_A_SOCKET}`, 'stats', ...ids.map((x) => x.slice(0, 12))], { stdio: 'ignore' });
        return async () => {
          dockerStats?.kill('SIGTERM');
          dockerStats = null;
          await sleep(500);
        };
      });
      await measure('berth', async () => {
        const ctx = await browser!.newContext({ viewport: o.viewport, storageState });
        const page = await ctx.newPage();
        await page.goto(`${server!.url}/containers`);
        return async () => {
          if (i === 0) {
            const shown = await page.locator('[data-testid="cell-cpu"]').allTextContents();
            log(`p3: list shows ${shown.length} rows, CPU cells e.g. ${JSON.stringify(shown.slice(0, 4))}`);
            if (!shown.some((t) => t.includes('%')))
              throw new Error('the container list showed no CPU figures: sign-in or the list failed, so this run measures nothing');
          }
          await ctx.close();
          await sleep(500);
        };
      });
    }
  } finally {
    (dockerStats as ChildProcess | null)?.kill('SIGKILL');
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await removeSleepers(engine).catch(() => undefined);
    engine.close();
  }
  report(o, slices);
}

function report(o: Flags, slices: Slice[]): void {
  const sum = (p: Slice['phase'], k: keyof Omit<Slice, 'phase'>) => slices.filter((s) => s.phase === p).reduce((a, s) => a + s[k], 0);
  const daemon = (p: Slice['phase']) => sum(p, 'dockerd') + sum(p, 'containerd');
  const secs = (p: Phase) => sum(p, 'seconds');
  // Normalise to the idle phase's length (slices differ by a few hundred ms).
  const rate = (p: Phase) => daemon(p) / secs(p);
  const berthExtra = (rate('berth') - rate('idle')) * o.durationS;
  const cliExtra = (rate('cli') - rate('idle')) * o.durationS;
  const ratio = berthExtra / cliExtra;
  const serverPct = (sum('berth', 'server') / secs('berth')) * 100;
  const shimRate = (p: Phase) => sum(p, 'shims') / secs(p);
  const none = slices.find((s) => s.phase === 'none');
  // Others' work on the shared daemon lands in single slices as spikes; the median slice shows the steady cost.
  const median = (p: Phase) => {
    const v = slices
      .filter((s) => s.phase === p)
      .map((s) => (s.dockerd + s.containerd) / s.seconds)
      .sort((x, y) => x - y);
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  const medianRatio = (median('berth') - median('idle')) / (median('cli') - median('idle'));
  const result = {
    flags: o,
    phases: Object.fromEntries(
      (['idle', 'cli', 'berth'] as Phase[]).map((p) => [
        p,
        { seconds: secs(p), dockerdCpuS: sum(p, 'dockerd'), containerdCpuS: sum(p, 'containerd'), shimsCpuS: sum(p, 'shims'), serverCpuS: sum(p, 'server') },
      ]),
    ),
    none: none && { seconds: none.seconds, daemonCpuPerS: (none.dockerd + none.containerd) / none.seconds },
    berthExtraCpuS: berthExtra,
    dockerStatsExtraCpuS: cliExtra,
    ratio,
    shimsExtra: { berth: (shimRate('berth') - shimRate('idle')) * o.durationS, cli: (shimRate('cli') - shimRate('idle')) * o.durationS },
    serverCpuPercentOfOneCore: serverPct,
    medianSlice: { idle: median('idle'), cli: median('cli'), berth: median('berth'), ratio: medianRatio },
    pass: ratio <= 0.5 && serverPct <= 5,
    slices,
  };
  const file = path.join(OUT_DIR, `p3-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  const f2 = (n: number) => n.toFixed(2);
  console.log(`
| P3, ${o.containers} running containers, ${o.durationS} s per phase | dockerd + containerd extra CPU-s | containerd-shims extra CPU-s |
|---|---|---|
| \`docker stats\` | ${f2(cliExtra)} | ${f2(result.shimsExtra.cli)} |
| Berth, container list open (${o.viewport.width}x${o.viewport.height}) | ${f2(berthExtra)} | ${f2(result.shimsExtra.berth)} |
| **ratio Berth / docker stats** | **${f2(ratio)}×** (target ≤ 0.5×) | ${f2(result.shimsExtra.berth / result.shimsExtra.cli)}× |

Median slice (robust to others' spikes on the shared daemon): idle ${f2(median('idle'))}, \`docker stats\` ${f2(median('cli'))}, Berth ${f2(median('berth'))} daemon CPU-s/s → ratio **${f2(medianRatio)}×**.
Berth server while the list is open: **${f2(serverPct)}%** of one core (target ≤ 5%). Idle baseline (Berth up, no page): ${f2(rate('idle'))} daemon CPU-s/s${none ? `; before Berth started: ${f2((none.dockerd + none.containerd) / none.seconds)} CPU-s/s` : ''}.
Result: ${result.pass ? 'PASS' : 'FAIL'}. Raw: ${file}`);
}
