import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { BENCH_LABEL, loadHarness, log, OUT_DIR, sleep } from './lib/env';
import { connectInspector, openStats } from './cycles-stats';
import { EngineClient, get, type Server, startServer } from './p3-lib';

/**
 * "1,000 open/close cycles of a logs, stats and exec view leave the server's open file descriptors and heap flat
 * (within 5%)", for all three views on one server:
 *
 *   npx tsx bench/run.ts cycles [--cycles=1000] [--views=logs,exec,stats] [--port=3326]
 *
 * logs   GET …/logs?follow=1 as the Logs tab opens it (SSE, tail 1000): read the backlog and one live batch (the
 *        container writes a line every 50 ms, so the shared upstream Engine stream really opens and closes), then
 *        drop the connection as a closing tab does.
 * exec   the terminal's WebSocket (…/exec?cmd=sh, Authorization + Origin headers): type `echo`, read its output,
 *        close the socket (Berth then ends the shell in the container).
 * stats  GET …/stats as the Stats tab does (bench/cycles-stats.ts's client): history, and every 20th cycle a live
 *        sample.
 * Each view gets a warm-up, then a reading before and after its cycles: open fds (/proc/<pid>/fd), the V8 heap used
 * after two full collections (node --expose-gc, read over the inspector on loopback; this is the "heap" the issue
 * judges), the number of upstream Engine log streams still open, and after a settling pause the resident set (VmRSS
 * in /proc/<pid>/status). RSS is recorded but not judged: V8 and malloc take and give back pages by tens of MiB
 * with no requests at all, so it measures the allocator's mood more than a leak.
 */

const PREFIX = 'berth-cycles-';
type View = 'logs' | 'exec' | 'stats';

interface Reading {
  fds: number;
  rssKiB: number;
  heapBytes: number;
  logUpstreams: number;
}

function rssKiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export async function runCycles(argv: string[]): Promise<void> {
  const f = new Map(
    argv
      .map((a) => /^--([a-z-]+)=(.*)$/.exec(a))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  const cycles = Number(f.get('cycles') ?? 1000);
  const views = (f.get('views') ?? 'logs,exec,stats').split(',') as View[];
  const port = Number(f.get('port') ?? 3326);
  const env = loadHarness();
  const engine = new EngineClient(env.DOCKER_A_SOCKET);
  await removeOurs(engine);
  const c = await engine.json<{ Id: string }>('POST', `/containers/create?name=${PREFIX}ticker`, {
    Image: env.TEST_IMAGE,
    Cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; usleep 50000; done'],
    Labels: { [BENCH_LABEL]: '1' },
    HostConfig: { NetworkMode: 'none' },
  });
  await engine.json('POST', `/containers/${c.Id}/start`);
  let server: Server | null = null;
  const results: Record<string, unknown>[] = [];
  try {
    server = await startServer({ port, socket: env.DOCKER_A_SOCKET, nodeArgs: ['--expose-gc', `--inspect=127.0.0.1:${port + 1000}`] });
    const s = server;
    const hostId = (JSON.parse((await get(s.url, '/api/v1/hosts', s.auth)).body) as { hosts: { id: string }[] }).hosts[0].id;
    const inspector = await connectInspector(port + 1000);
    const base = `/api/v1/hosts/${hostId}/containers/${c.Id}`;
    const read = async (): Promise<Reading> => {
      const up = await inspector.evaluate(`(async () => {
        gc(); await new Promise((r) => setTimeout(r, 200)); gc();
        const b = await globalThis[Symbol.for('berth.instance')];
        const h = b && b.logs;
        return JSON.stringify({ up: h ? h.openUpstreams() : 0, heap: process.memoryUsage().heapUsed });
      })()`);
      const { up: logUpstreams, heap: heapBytes } = JSON.parse(up) as { up: number; heap: number };
      await sleep(3000);
      return { fds: fs.readdirSync(`/proc/${s.pid}/fd`).length, rssKiB: rssKiB(s.pid), heapBytes, logUpstreams };
    };
    const once: Record<View, (i: number) => Promise<void>> = {
      logs: () => openLogs(s.url, `${base}/logs?follow=1&tail=1000&timestamps=1`, s.auth),
      exec: (i) => openExec(s.url, `${base}/exec?cmd=sh&cols=80&rows=24`, s.auth, i),
      stats: (i) => openStats(s.url, `${base}/stats`, s.auth, i % 20 === 0 ? 2 : 1),
    };
    for (const view of views) {
      for (let i = 0; i < 30; i++) await once[view](i); // warm-up: route compiled, pools and caches filled
      const before = await read();
      log(`cycles ${view}: before ${JSON.stringify(before)}`);
      const t0 = Date.now();
      // VmRSS swings by tens of MiB as V8 and malloc take and give back pages; a leak shows as a steady climb
      // through these readings (every 100 cycles, no GC asked), noise as ups and downs.
      const trail: number[] = [];
      for (let i = 0; i < cycles; i++) {
        await once[view](i);
        if ((i + 1) % 100 === 0) {
          trail.push(rssKiB(s.pid));
          log(`cycles ${view}: ${i + 1}/${cycles}, VmRSS ${(trail.at(-1)! / 1024).toFixed(1)} MiB, ${fs.readdirSync(`/proc/${s.pid}/fd`).length} fds`);
        }
      }
      const seconds = (Date.now() - t0) / 1000;
      const after = await read();
      log(`cycles ${view}: after ${JSON.stringify(after)}`);
      const pct = (a: number, b: number) => ((b - a) / a) * 100;
      const fdPct = pct(before.fds, after.fds);
      const rssPct = pct(before.rssKiB, after.rssKiB);
      const heapPct = pct(before.heapBytes, after.heapBytes);
      results.push({
        view,
        cycles,
        seconds,
        before,
        after,
        fdPct,
        heapPct,
        rssPct,
        trail,
        pass: Math.abs(fdPct) <= 5 && heapPct <= 5 && after.logUpstreams === 0,
      });
    }
    inspector.close();
  } finally {
    await server?.stop().catch(() => undefined);
    await removeOurs(engine).catch(() => undefined);
    engine.close();
  }
  const file = path.join(OUT_DIR, `cycles-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  const mib = (k: number) => (k / 1024).toFixed(1);
  const rows = results.map((r) => {
    const b = r.before as Reading;
    const a = r.after as Reading;
    const trail = (r.trail as number[]).map(mib).join(', ');
    const heap = `${(b.heapBytes / 2 ** 20).toFixed(1)} → ${(a.heapBytes / 2 ** 20).toFixed(1)} MiB (${(r.heapPct as number).toFixed(1)}%)`;
    return `| ${r.view} | ${cycles} in ${(r.seconds as number).toFixed(0)} s | ${b.fds} → ${a.fds} (${(r.fdPct as number).toFixed(1)}%) | ${heap} | ${mib(b.rssKiB)} → ${mib(a.rssKiB)} MiB (${(r.rssPct as number).toFixed(1)}%) | ${trail} | ${b.logUpstreams} → ${a.logUpstreams} | ${r.pass ? 'PASS' : 'FAIL'} |`;
  });
  console.log(`
| view | open/close cycles | open fds of the server | V8 heap used after GC | VmRSS after GC (not judged) | VmRSS every 100 cycles (MiB) | upstream log streams open | fds and heap within 5% |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Raw: ${file}`);
}

async function removeOurs(engine: EngineClient): Promise<void> {
  const all = await engine.json<{ Id: string; Names: string[] }[]>(
    'GET',
    `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [`${BENCH_LABEL}=1`] }))}`,
  );
  for (const x of all.filter((y) => y.Names.some((n) => n.startsWith(`/${PREFIX}`)))) await engine.request('DELETE', `/containers/${x.Id}?force=1`);
}

/** Follows the logs: reads the backlog batch and one live batch, then drops the connection. */
function openLogs(url: string, p: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}${p}`, { headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${p} → ${res.statusCode}`));
      let batches = 0;
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        batches += c.split('"type":"lines"').length - 1;
        if (batches >= 2) {
          req.destroy();
          resolve();
        }
      });
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
    req.setTimeout(15_000, () => req.destroy(new Error(`${p}: no live line in 15 s`)));
  });
}

/** Opens a terminal, runs one echo, reads its output, closes the socket. */
function openExec(url: string, p: string, headers: Record<string, string>, i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${p}`, { headers: { ...headers, origin: url } });
    const want = `cycle-${i + 1}`;
    let out = '';
    const timer = setTimeout(() => (ws.terminate(), reject(new Error(`exec: no "${want}" in 15 s (got ${JSON.stringify(out.slice(-200))})`))), 15_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'input', data: `echo cycle-$((${i}+1))\n` })));
    ws.on('message', (d, binary) => {
      if (!binary) {
        const m = JSON.parse(String(d)) as { type: string; message?: string };
        if (m.type === 'error') return (clearTimeout(timer), ws.close(), reject(new Error(`exec: ${m.message}`)));
        return;
      }
      out += String(d);
      if (out.includes(want)) {
        clearTimeout(timer);
        ws.close();
      }
    });
    ws.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.on('error', (e) => (clearTimeout(timer), reject(e)));
  });
}
