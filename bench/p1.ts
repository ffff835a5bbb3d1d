import http from 'node:http';
import type { Hosts } from './lib/berth';
import { benchAuth, log, sleep } from './lib/env';
import { type Summary, summarize } from './lib/stats';

/** The target: Berth's list, answered from its cache, should cost a client no more than asking the Engine itself. */
export const P1_TARGET_RATIO = 1.0;
const WARMUP = 5;

export interface P1Result {
  runs: number;
  containersRaw: number;
  containersBerth: number;
  bytesRaw: number;
  bytesBerth: number;
  /** request written → body read → JSON.parse'd */
  raw: Summary;
  berth: Summary;
  /** request written → first body byte: the server's own work, without transfer and parse */
  rawTtfb: Summary;
  berthTtfb: Summary;
  ratioP50: number;
  ratioP95: number;
  pass: boolean;
  samples: { raw: number[]; berth: number[]; rawTtfb: number[]; berthTtfb: number[] };
}

interface Timed {
  total: number;
  ttfb: number;
  bytes: number;
  count: number;
}

/**
 * One GET timed as a client experiences it: from just before the request is written until the whole body is read
 * and JSON.parse'd. Both sides go through this same function, each with its own keep-alive agent (as a real
 * client, and Berth's own dockerode, would keep the connection).
 */
function timedGet(opts: http.RequestOptions, count: (parsed: unknown) => number): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttfb = 0;
    const req = http.request({ ...opts, method: 'GET', headers: { ...benchAuth, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        if (!ttfb) ttfb = performance.now() - t0;
        chunks.push(c);
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        try {
          const parsed: unknown = JSON.parse(body.toString('utf8'));
          const total = performance.now() - t0;
          if (res.statusCode !== 200) throw new Error(`${opts.path} → ${res.statusCode}: ${body.toString('utf8').slice(0, 300)}`);
          resolve({ total, ttfb, bytes: body.length, count: count(parsed) });
        } catch (e) {
          reject(e as Error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function runP1(socketPath: string, berthUrl: string, hosts: Hosts, runs: number): Promise<P1Result> {
  const rawAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const berthAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const u = new URL(berthUrl);
  // Never size=true: that makes the Engine walk every layer and measures the disk, not listing.
  const rawOnce = () => timedGet({ socketPath, path: '/containers/json?all=1', agent: rawAgent }, (p) => (p as unknown[]).length);
  const berthOnce = () =>
    timedGet(
      { host: u.hostname, port: u.port, path: `/api/v1/containers?host=${encodeURIComponent(hosts.a)}`, agent: berthAgent },
      (p) => (p as { containers: unknown[] }).containers.length,
    );
  try {
    log(`P1: ${WARMUP} warm-up requests each (JIT, keep-alive sockets, Next's lazy route load)`);
    for (let i = 0; i < WARMUP; i++) {
      await rawOnce();
      await berthOnce();
    }
    log(`P1: ${runs} interleaved runs, raw Engine list vs Berth list`);
    const raw: Timed[] = [];
    const brt: Timed[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither side always runs right after the other's GC or daemon work.
      if (i % 2 === 0) {
        raw.push(await rawOnce());
        brt.push(await berthOnce());
      } else {
        brt.push(await berthOnce());
        raw.push(await rawOnce());
      }
      await sleep(50);
      if ((i + 1) % 20 === 0) log(`  ${i + 1}/${runs}`);
    }
    const rawS = summarize(raw.map((t) => t.total));
    const brtS = summarize(brt.map((t) => t.total));
    const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
    const last = <T>(xs: T[]) => xs[xs.length - 1];
    return {
      runs,
      containersRaw: last(raw).count,
      containersBerth: last(brt).count,
      bytesRaw: last(raw).bytes,
      bytesBerth: last(brt).bytes,
      raw: rawS,
      berth: brtS,
      rawTtfb: summarize(raw.map((t) => t.ttfb)),
      berthTtfb: summarize(brt.map((t) => t.ttfb)),
      ratioP50: ratio(brtS.p50, rawS.p50),
      ratioP95: ratio(brtS.p95, rawS.p95),
      pass: brtS.p50 <= P1_TARGET_RATIO * rawS.p50,
      samples: { raw: raw.map((t) => t.total), berth: brt.map((t) => t.total), rawTtfb: raw.map((t) => t.ttfb), berthTtfb: brt.map((t) => t.ttfb) },
    };
  } finally {
    rawAgent.destroy();
    berthAgent.destroy();
  }
}
