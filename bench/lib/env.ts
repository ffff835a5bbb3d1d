import fs from 'node:fs';
import path from 'node:path';

/** The repository root, so the bench runs the same from any working directory. */
export const ROOT = path.resolve(__dirname, '../..');
export const OUT_DIR = path.join(ROOT, 'bench/out');

/** Everything the benchmarks create carries this label, so cleanup can find it (and only it). */
export const BENCH_LABEL = 'io.berth.bench';
export const FLEET_PREFIX = 'berth-bench-';
/** The P2 container: its name must not be a substring of any fleet name, so the search box isolates it. */
export const P2_NAME = 'berth-bench-p2';

export interface HarnessEnv {
  BERTH_HARNESS_DIR: string;
  TEST_IMAGE: string;
  DOCKER_A_SOCKET: string;
  DOCKER_B_TCP_HOST: string;
  DOCKER_B_TCP_PORT: string;
  TLS_CA: string;
  TLS_CLIENT_CERT: string;
  TLS_CLIENT_KEY: string;
}

export function harnessDir(): string {
  return process.env.BERTH_HARNESS_DIR ?? path.join(ROOT, '.harness');
}

export function loadHarness(): HarnessEnv {
  const file = path.join(harnessDir(), 'env.json');
  if (!fs.existsSync(file)) throw new Error(`no harness at ${file}: run \`bash scripts/harness/up.sh\` first`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HarnessEnv;
}

export interface Options {
  port: number;
  dataDir: string;
  total: number;
  running: number;
  p1Runs: number;
  p2Iterations: number;
  idleMs: number;
  /** leave the fleet in place at the end (for repeated runs while developing the bench) */
  keep: boolean;
  /** reuse a complete fleet left by --keep instead of recreating it */
  reuse: boolean;
  /** p2: run P2 a second time with alert rules on every container kind and compare (issue #17) */
  alerts: boolean;
}

/** `--name=value` flags; the defaults are the figures the targets are stated for. */
export function parseOptions(argv: string[]): Options {
  const flags = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument "${a}" (flags look like --runs=60)`);
    flags.set(m[1], m[2] ?? '1');
  }
  const num = (k: string, d: number) => {
    const v = flags.get(k);
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k} must be a non-negative number, got "${v}"`);
    return n;
  };
  const known = ['port', 'data-dir', 'total', 'running', 'runs', 'iterations', 'idle-ms', 'keep', 'reuse', 'alerts'];
  for (const k of flags.keys()) if (!known.includes(k)) throw new Error(`unknown flag --${k} (known: ${known.map((x) => '--' + x).join(' ')})`);
  return {
    port: num('port', 3300),
    dataDir: flags.get('data-dir') ?? '/tmp/berth-bench-data',
    total: num('total', 1000),
    running: num('running', 200),
    p1Runs: num('runs', 60),
    p2Iterations: num('iterations', 100),
    idleMs: num('idle-ms', 30_000),
    keep: flags.has('keep'),
    reuse: flags.has('reuse'),
    alerts: flags.has('alerts'),
  };
}

/** The bench servers' admin (made from BERTH_ADMIN_PASSWORD at start): every request and page signs in as it. */
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password-1';

/**
 * The bench server's API token, set once it has signed in (bench/lib/berth.ts startBerth): Berth answers nothing but
 * health and sign-in without one, so every raw request to it (P1, the live stream, fixtures) carries these headers.
 */
export const benchAuth: Record<string, string> = {};

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Wall-clock milliseconds with sub-millisecond resolution; the page uses the same expression (see p2.ts). */
export const wallNow = () => performance.timeOrigin + performance.now();

export function log(msg: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}
