import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { EngineClient } from './lib/engine';
import { loadHarness, log, OUT_DIR, sleep, wallNow } from './lib/env';
import { machine } from './lib/report';
import { summarize } from './lib/stats';
import { request, startServer } from './p3-lib';

/**
 * P17 (issue #17, "Performance"): a died container's webhook reaches a loopback receiver within 2 s of the Engine
 * event (p95 over 100 kills).
 *
 * The scene: Berth's production build on daemon A (registered as the local socket), a webhook alert channel pointing
 * at a loopback HTTP receiver of this script, and a container-died rule (requested stops not ignored, so `docker kill`
 * counts) for one labelled busybox container. Each round starts the container, waits until Berth has resolved the
 * previous alert (its "resolved" webhook arrived), kills it, and measures from the Engine's own `die` event time
 * (timeNano, read from a raw /events subscription of this script) to the moment the receiver has the "fired" body.
 *
 *   BERTH_NEXT_DIST_DIR=.next-x npx tsx bench/run.ts p17 [--kills=100] [--port=3386]
 */
export const P17_TARGET_MS = 2000;
const NAME = 'berth-p17-victim';
const LABEL = 'io.berth.bench';

function flags(argv: string[]) {
  const f = new Map(argv.map((a) => /^--([a-z-]+)=(.*)$/.exec(a)).flatMap((m) => (m ? [[m[1], m[2]] as const] : [])));
  return { kills: Number(f.get('kills') ?? 100), port: Number(f.get('port') ?? 3386) };
}

interface Hook {
  change: string;
  at: number;
  cid: string;
}

async function receiver() {
  const hooks: Hook[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const at = wallNow();
      try {
        const j = JSON.parse(body) as { change: string; alert: { subject: { id: string } } };
        hooks.push({ change: j.change, at, cid: j.alert.subject.id });
      } catch {
        // not ours
      }
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hooks, close: () => server.close() };
}

/** die events of one container, with the Engine's own time (ms) */
function followDies(socketPath: string, name: string) {
  const dies: number[] = [];
  const q = encodeURIComponent(JSON.stringify({ type: ['container'], event: ['die'], container: [name] }));
  const req = http.request({ socketPath, path: `/events?filters=${q}`, agent: false }, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) dies.push((JSON.parse(line) as { timeNano: number }).timeNano / 1e6);
      }
    });
    res.on('error', () => {});
  });
  req.on('error', () => {});
  req.end();
  return { dies, close: () => req.destroy() };
}

async function waitUntil<T>(what: string, fn: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(5);
  }
}

async function waitUntilAsync(what: string, fn: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(250);
  }
}

export async function runP17(argv: string[]): Promise<void> {
  const opts = flags(argv);
  const env = loadHarness();
  const engine = new EngineClient(env.DOCKER_A_SOCKET);
  await engine.request('DELETE', `/containers/${NAME}?force=1`);
  const rx = await receiver();
  const dies = followDies(env.DOCKER_A_SOCKET, NAME);
  const server = await startServer({ port: opts.port, socket: env.DOCKER_A_SOCKET });
  try {
    const call = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const r = await request(server.url, method, p, server.auth, body);
      if (r.status >= 300) throw new Error(`${method} ${p} → ${r.status}: ${r.body}`);
      return JSON.parse(r.body) as T;
    };
    const { hosts } = await call<{ hosts: { id: string; status: string }[] }>('GET', '/api/v1/hosts');
    const hostId = hosts[0].id;
    const { channel } = await call<{ channel: { id: string } }>('POST', '/api/v1/alerts/channels', {
      kind: 'webhook',
      name: 'p17',
      webhookUrl: rx.url,
      signingSecret: 'p17-secret',
    });
    await call('POST', '/api/v1/alerts/rules', {
      name: 'p17 died',
      kind: 'container-died',
      hostId,
      label: `${LABEL}=p17`,
      params: { ignoreRequestedStops: false },
      severity: 'critical',
      cooldownSeconds: 0,
      channelIds: [channel.id],
    });
    const c = await engine.json<{ Id: string }>('POST', `/containers/create?name=${NAME}`, {
      Image: env.TEST_IMAGE,
      Cmd: ['sleep', '3600'],
      Labels: { [LABEL]: 'p17' },
      HostConfig: { NetworkMode: 'none' },
    });
    // Berth follows daemon A's events once the host is online; give the stream a moment to be in place
    await waitUntilAsync(
      'host A online',
      async () => (await call<{ hosts: { status: string }[] }>('GET', '/api/v1/hosts')).hosts[0]?.status === 'online',
      30_000,
    );
    await sleep(2000);
    const samples: number[] = [];
    const alerting = () => rx.hooks.filter((h) => h.change !== 'resolved');
    for (let i = 0; i < opts.kills; i++) {
      const resolvedBefore = rx.hooks.length - alerting().length;
      await engine.request('POST', `/containers/${c.Id}/start`);
      // the start resolves the last alert: wait for that, so this round's die fires a new one
      if (i > 0) await waitUntil('the resolved webhook', () => (rx.hooks.length - alerting().length > resolvedBefore ? true : undefined));
      const firedBefore = alerting().length;
      const diesBefore = dies.dies.length;
      await engine.request('POST', `/containers/${c.Id}/kill`);
      const dieAt = await waitUntil('the die event', () => dies.dies[diesBefore]);
      const hook = await waitUntil('the fired webhook', () => alerting()[firedBefore]);
      samples.push(Math.round((hook.at - dieAt) * 10) / 10);
      if ((i + 1) % 20 === 0) log(`p17: ${i + 1}/${opts.kills} kills, last ${samples[samples.length - 1]} ms`);
    }
    const s = summarize(samples);
    const pass = s.p95 <= P17_TARGET_MS;
    log(
      `p17: die event → webhook received: p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms over ${s.n} kills (target p95 ≤ ${P17_TARGET_MS} ms: ${pass ? 'met' : 'NOT met'})`,
    );
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const file = path.join(OUT_DIR, 'latest-p17.json');
    const result = { machine: machine(env.DOCKER_A_SOCKET), target_ms: P17_TARGET_MS, kills: opts.kills, summary_ms: s, pass, samples_ms: samples };
    fs.writeFileSync(file, JSON.stringify(result, null, 2));
    log(`p17: results in ${file}`);
  } finally {
    await server.stop();
    dies.close();
    rx.close();
    await engine.request('DELETE', `/containers/${NAME}?force=1`);
  }
}
