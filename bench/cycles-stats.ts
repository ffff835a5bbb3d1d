import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { loadHarness, log, OUT_DIR, sleep } from './lib/env';
import { createSleepers, EngineClient, get, removeSleepers, startServer } from './p3-lib';

/**
 * The stats part of "1,000 open/close cycles leave the server's open file descriptors and heap flat (within 5%)":
 *
 *   npx tsx bench/run.ts stats-cycles [--cycles=1000] [--port=3322]
 *
 * One running container; each cycle opens its stats stream (GET …/containers/{id}/stats, as the Stats tab does),
 * reads the history message (every 20th cycle also a live sample, so upstream Engine streams really open and close),
 * and goes away. Open fds come from /proc/<pid>/fd; the heap is read after a full GC through the server's inspector
 * (node --expose-gc --inspect on loopback), along with how many upstream Engine streams are still open.
 */
export async function runStatsCycles(argv: string[]): Promise<void> {
  const f = new Map(
    argv
      .map((a) => /^--([a-z-]+)=(.*)$/.exec(a))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  const cycles = Number(f.get('cycles') ?? 1000);
  const port = Number(f.get('port') ?? 3322);
  const inspectPort = port + 1000;
  const env = loadHarness();
  const engine = new EngineClient(env.DOCKER_A_SOCKET);
  const [id] = await createSleepers(engine, env.TEST_IMAGE, 1);
  const server = await startServer({ port, socket: env.DOCKER_A_SOCKET, nodeArgs: ['--expose-gc', `--inspect=127.0.0.1:${inspectPort}`] });
  try {
    const hosts = JSON.parse((await get(server.url, '/api/v1/hosts', server.auth)).body) as { hosts: { id: string }[] };
    const hostId = hosts.hosts[0].id;
    const inspector = await connectInspector(inspectPort);
    const probe = async () => {
      const v = JSON.parse(
        await inspector.evaluate(`(async () => {
          gc(); await new Promise((r) => setTimeout(r, 100)); gc();
          const b = await globalThis[Symbol.for('berth.instance')];
          const s = b && b.stats;
          return JSON.stringify({ heap: process.memoryUsage().heapUsed, upstreams: s ? s.openUpstreams() : 0 });
        })()`),
      ) as { heap: number; upstreams: number };
      return { fds: fs.readdirSync(`/proc/${server.pid}/fd`).length, ...v };
    };
    const once = (withSample: boolean) => openStats(server.url, `/api/v1/hosts/${hostId}/containers/${id}/stats`, server.auth, withSample ? 2 : 1);
    for (let i = 0; i < 20; i++) await once(i % 10 === 0); // warm-up: routes compiled, caches filled
    await sleep(2000);
    const before = await probe();
    log(`stats-cycles: before ${JSON.stringify(before)}`);
    const t0 = Date.now();
    for (let i = 0; i < cycles; i++) {
      await once(i % 20 === 0);
      if ((i + 1) % 100 === 0) log(`stats-cycles: ${i + 1}/${cycles}`);
    }
    const seconds = (Date.now() - t0) / 1000;
    await sleep(3000);
    const after = await probe();
    log(`stats-cycles: after ${JSON.stringify(after)}`);
    inspector.close();
    const pct = (a: number, b: number) => ((b - a) / a) * 100;
    const result = { cycles, seconds, before, after, fdGrowthPct: pct(before.fds, after.fds), heapGrowthPct: pct(before.heap, after.heap) };
    const pass = Math.abs(result.fdGrowthPct) <= 5 && result.heapGrowthPct <= 5 && after.upstreams === 0;
    const file = path.join(OUT_DIR, `stats-cycles-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify({ ...result, pass }, null, 2));
    const mib = (b: number) => (b / 1048576).toFixed(1);
    console.log(`
| stats view, ${cycles} open/close cycles (${seconds.toFixed(0)} s) | before | after | change |
|---|---|---|---|
| open fds of the server | ${before.fds} | ${after.fds} | ${result.fdGrowthPct.toFixed(1)}% |
| V8 heap used after GC | ${mib(before.heap)} MiB | ${mib(after.heap)} MiB | ${result.heapGrowthPct.toFixed(1)}% |
| upstream Engine stats streams open | ${before.upstreams} | ${after.upstreams} | |

Result: ${pass ? 'PASS' : 'FAIL'} (target: fds and heap within 5%). Raw: ${file}`);
  } finally {
    await server.stop().catch(() => undefined);
    await removeSleepers(engine).catch(() => undefined);
    engine.close();
  }
}

/** Opens the SSE stream, reads `messages` data messages, then drops the connection as a closing tab does. */
export function openStats(url: string, p: string, headers: Record<string, string>, messages: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}${p}`, { headers: { ...headers, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${p} → ${res.statusCode}`));
      let seen = 0;
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        seen += c.split('data: ').length - 1;
        if (seen >= messages) {
          req.destroy();
          resolve();
        }
      });
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
    req.setTimeout(15_000, () => req.destroy(new Error(`${p}: no message in 15 s`)));
  });
}

export async function connectInspector(port: number): Promise<{ evaluate(expr: string): Promise<string>; close(): void }> {
  const list = await new Promise<{ webSocketDebuggerUrl: string }[]>((resolve, reject) =>
    http
      .get(`http://127.0.0.1:${port}/json/list`, (res) => {
        let b = '';
        res.on('data', (c) => (b += c));
        res.on('end', () => resolve(JSON.parse(b)));
      })
      .on('error', reject),
  );
  const ws = new WebSocket(list[0].webSocketDebuggerUrl);
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  let next = 1;
  const waiting = new Map<number, (v: string) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as { id?: number; result?: { result?: { value?: string }; exceptionDetails?: unknown } };
    if (m.id && waiting.has(m.id)) {
      if (m.result?.exceptionDetails) log(`inspector: ${JSON.stringify(m.result.exceptionDetails).slice(0, 300)}`);
      waiting.get(m.id)!(m.result?.result?.value ?? 'null');
      waiting.delete(m.id);
    }
  });
  return {
    evaluate: (expression) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        ws.send(
          JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true, includeCommandLineAPI: true } }),
        );
      }),
    close: () => ws.close(),
  };
}
