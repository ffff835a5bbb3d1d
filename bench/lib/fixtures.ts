import { BENCH_LABEL, FLEET_PREFIX, log, P2_NAME } from './env';
import type { EngineClient } from './engine';
import { mapLimit } from './stats';

const CONCURRENCY = 8;
const LABEL_FILTER = encodeURIComponent(JSON.stringify({ label: [`${BENCH_LABEL}=1`] }));

interface Listed {
  Id: string;
  Names: string[];
  State: string;
}

export const fleetName = (i: number) => `${FLEET_PREFIX}${String(i).padStart(4, '0')}`;

function progress(what: string, total: number): (done: number) => void {
  const step = Math.max(1, Math.round(total / 10));
  const t0 = Date.now();
  return (done) => {
    if (done % step === 0 || done === total) log(`  ${what}: ${done}/${total} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };
}

export async function listBench(engine: EngineClient): Promise<Listed[]> {
  return engine.json<Listed[]>('GET', `/containers/json?all=1&filters=${LABEL_FILTER}`);
}

/** Removes every container carrying the bench label (and only those): used at the start and end of every run. */
export async function removeBench(engine: EngineClient): Promise<number> {
  const found = await listBench(engine);
  if (!found.length) return 0;
  log(`removing ${found.length} bench containers`);
  await mapLimit(
    found,
    CONCURRENCY,
    async (c) => {
      const r = await engine.request('DELETE', `/containers/${c.Id}?force=1&v=1`);
      // 404: already gone (a concurrent cleanup); 409: removal already in progress. Neither is ours to fix.
      if (r.status >= 400 && r.status !== 404 && r.status !== 409) throw new Error(`remove ${c.Names[0]} → ${r.status}: ${r.body}`);
    },
    progress('removed', found.length),
  );
  return found.length;
}

async function createOne(engine: EngineClient, image: string, name: string, start: boolean): Promise<string> {
  const { Id } = await engine.json<{ Id: string }>('POST', `/containers/create?name=${encodeURIComponent(name)}`, {
    Image: image,
    Cmd: ['sleep', '3600'],
    Labels: { [BENCH_LABEL]: '1' },
    // No network: 200 running containers on daemon A's /24 bridge would starve the integration tests sharing it.
    HostConfig: { NetworkMode: 'none' },
  });
  if (start) await engine.json('POST', `/containers/${Id}/start`);
  return Id;
}

/** True when a fleet left by --keep is exactly the one this run would create. */
async function fleetComplete(engine: EngineClient, total: number, running: number): Promise<boolean> {
  const found = await listBench(engine);
  const fleet = found.filter((c) => c.Names[0] !== `/${P2_NAME}`);
  const p2 = found.find((c) => c.Names[0] === `/${P2_NAME}`);
  return fleet.length === total && fleet.filter((c) => c.State === 'running').length === running && p2?.State === 'running';
}

/**
 * The fleet the benchmarks run against: `total` containers on daemon A, the first `running` of them started, plus
 * the P2 container (running). Created with bounded concurrency through the Engine API, never the CLI.
 */
export async function createFleet(
  engine: EngineClient,
  image: string,
  total: number,
  running: number,
  reuse: boolean,
): Promise<{ p2Id: string; seconds: number }> {
  const t0 = Date.now();
  if (reuse && (await fleetComplete(engine, total, running))) {
    log(`reusing the existing fleet of ${total} bench containers (--reuse)`);
  } else {
    await removeBench(engine);
    log(`creating ${total} containers on daemon A (${running} running sleep 3600), ${CONCURRENCY} at a time`);
    await mapLimit(
      Array.from({ length: total }, (_, i) => i),
      CONCURRENCY,
      (i) => createOne(engine, image, fleetName(i), i < running),
      progress('created', total),
    );
    await createOne(engine, image, P2_NAME, true);
  }
  const p2 = (await listBench(engine)).find((c) => c.Names[0] === `/${P2_NAME}`);
  if (!p2) throw new Error(`${P2_NAME} is missing after creating the fleet`);
  return { p2Id: p2.Id, seconds: (Date.now() - t0) / 1000 };
}
