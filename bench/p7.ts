import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadHarness, log, OUT_DIR, sleep } from './lib/env';
import { type Summary, summarize } from './lib/stats';
import { type CpuFloor, measureCpu } from './lib/cpu-floor';
import { EngineClient, request, type Server, startServer } from './p3-lib';

/**
 * P7: stacks. (1) Deploying a 5-service compose file with Berth vs `docker-compose -p <name> up -d` (Debian's
 * docker-compose 1.29) on the same file and daemon, alternating, several runs (target ≤ 0.5×). (2) Scaling one service
 * 1 → 20 with Berth vs 20 sequential `docker run -d` (≤ 0.5×). (3) During that scale-up, the p95 start time of one
 * container (the Engine's own Created → StartedAt) vs the same for one replica added while nothing else runs (≤ 3×).
 * Also, not a target: the same deploy done with bare Engine API calls (network, then 5 × create+start at once), so
 * Berth's own overhead shows apart from the Engine's work, which both Berth and docker-compose wait for. And, not a
 * target either, the CPU floor of Berth's deploy and scale (lib/cpu-floor.ts): the Engine-side CPU the work cost,
 * over the machine's cores — on a saturated 2-core machine no client can be faster than that.
 *
 *   BERTH_NEXT_DIST_DIR=.next-x npx tsx bench/run.ts p7 [--runs=5] [--port=3327]
 */
const run = promisify(execFile);
const DOCKER = process.env.DOCKER_CLI ?? '/usr/bin/docker';
const PREFIX = 'berth-p7-';
const LABEL = 'io.berth.bench=p7';
// a sleep that ends at once on TERM (a bare sleep as PID 1 ignores it, and every removal would wait 10 s)
const CMD = ['sh', '-c', "trap 'exit 0' TERM; sleep 3600 & wait"];

export const P7_TARGETS = { deployRatio: 0.5, scaleRatio: 0.5, startP95Ratio: 3 };

interface Flags {
  runs: number;
  port: number;
  idle: number;
}

function parse(argv: string[]): Flags {
  const f = new Map(
    argv
      .map((a) => /^--([a-z-]+)=(.*)$/.exec(a))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  return { runs: Number(f.get('runs') ?? 5), port: Number(f.get('port') ?? 3327), idle: Number(f.get('idle') ?? 8) };
}

function composeFile(image: string, services: number): string {
  const lines = ['services:'];
  for (let i = 1; i <= services; i++)
    lines.push(`  s${i}:`, `    image: ${image}`, `    command: ${JSON.stringify(CMD)}`, `    labels: { io.berth.bench: p7 }`);
  return `${lines.join('\n')}\n`;
}

/** Engine timestamps carry nanoseconds; Date keeps milliseconds only, so the fraction is read by hand. */
function engineMs(ts: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(ts);
  if (!m) return Date.parse(ts);
  return Date.parse(`${m[1]}Z`) + Number(m[2] ?? 0) * 1000;
}

async function docker(socket: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(DOCKER, ['-H', `unix://${socket}`, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Created → StartedAt of each container, in ms. */
async function startTimes(socket: string, ids: string[]): Promise<number[]> {
  if (!ids.length) return [];
  const info = JSON.parse(await docker(socket, 'inspect', ...ids)) as { Created: string; State: { StartedAt: string } }[];
  return info.map((c) => engineMs(c.State.StartedAt) - engineMs(c.Created));
}

const projectIds = async (socket: string, project: string, service?: string) =>
  (
    await docker(
      socket,
      'ps',
      '-aq',
      '--no-trunc',
      '--filter',
      `label=com.docker.compose.project=${project}`,
      ...(service ? ['--filter', `label=com.docker.compose.service=${service}`] : []),
    )
  )
    .trim()
    .split('\n')
    .filter(Boolean);

export interface P7Result {
  runs: number;
  cores: number;
  deploy: {
    berth: Summary;
    compose: Summary;
    raw: Summary;
    ratioP50: number;
    rawRatioP50: number;
    pass: boolean;
    floor: Summary;
    floorRatioP50: number;
    samples: { berth: number[]; compose: number[]; raw: number[]; floor: CpuFloor[] };
  };
  scale: { berthMs: number; dockerRunMs: number; ratio: number; pass: boolean; floor: CpuFloor; floorRatio: number; dockerRunCpu: CpuFloor };
  start: { idle: Summary; duringScale: Summary; ratioP95: number; pass: boolean; samples: { idle: number[]; duringScale: number[] } };
}

export async function runP7(argv: string[]): Promise<P7Result> {
  const flags = parse(argv);
  const env = loadHarness();
  const A = env.DOCKER_A_SOCKET;
  const image = env.TEST_IMAGE;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-p7-'));
  const file = path.join(tmp, 'docker-compose.yml');
  const compose5 = composeFile(image, 5);
  fs.writeFileSync(file, compose5);
  const composeEnv = { ...process.env, DOCKER_HOST: `unix://${A}` };
  const dc = (project: string, ...args: string[]) => run('docker-compose', ['-p', project, '-f', file, ...args], { env: composeEnv, timeout: 300_000 });

  let server: Server | null = null;
  const stacks: string[] = [];
  try {
    server = await startServer({ port: flags.port, socket: A });
    const s = server;
    const api = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const r = await request(s.url, method, p, s.auth, body);
      if (r.status >= 400) throw new Error(`${method} ${p} → ${r.status}: ${r.body.slice(0, 500)}`);
      return JSON.parse(r.body) as T;
    };
    const hosts = (await api<{ hosts: { id: string; kind?: string; name: string }[] }>('GET', '/api/v1/hosts')).hosts;
    if (!hosts.length) throw new Error('Berth registered no host for daemon A');
    const hostId = hosts[0].id;
    const base = `/api/v1/hosts/${hostId}/stacks`;
    const down = async (name: string) => {
      await api('POST', `${base}/${name}/down`, { removeVolumes: true, wait: true }).catch((e: Error) => log(`down ${name}: ${e.message}`));
      await api('DELETE', `${base}/${name}`).catch(() => undefined);
    };

    // warm-up: Next loads the stacks routes lazily, docker-compose's Python imports are cold once
    log('P7: warm-up (one deploy each, not counted)');
    await api('POST', base, { name: `${PREFIX}warm`, compose: compose5, env: '', deploy: true });
    stacks.push(`${PREFIX}warm`);
    await down(`${PREFIX}warm`);
    await dc(`${PREFIX}warmc`, 'up', '-d');
    await dc(`${PREFIX}warmc`, 'down', '-t', '1');

    // (1) 5-service deploy, alternating which goes first so neither always meets a warmer daemon
    const berthMs: number[] = [];
    const composeMs: number[] = [];
    const rawMs: number[] = [];
    const floors: CpuFloor[] = [];
    const engine = new EngineClient(A);
    for (let i = 0; i < flags.runs; i++) {
      const b = async () => {
        const name = `${PREFIX}b${i}`;
        stacks.push(name);
        const cpu = measureCpu(s.pid);
        const t0 = performance.now();
        await api('POST', base, { name, compose: compose5, env: '', deploy: true });
        berthMs.push(performance.now() - t0);
        floors.push(cpu());
        if ((await projectIds(A, name)).length !== 5) throw new Error(`Berth's deploy of ${name} did not leave 5 containers`);
        await down(name);
      };
      const c = async () => {
        const name = `${PREFIX}c${i}`;
        const t0 = performance.now();
        await dc(name, 'up', '-d');
        composeMs.push(performance.now() - t0);
        if ((await projectIds(A, name)).length !== 5) throw new Error(`docker-compose up of ${name} did not leave 5 containers`);
        await dc(name, 'down', '-t', '1');
      };
      if (i % 2 === 0) await b().then(c);
      else await c().then(b);
      rawMs.push(await rawDeploy(engine, `${PREFIX}r${i}`, image, 5));
      log(
        `P7 deploy run ${i + 1}/${flags.runs}: Berth ${berthMs.at(-1)!.toFixed(0)} ms, docker-compose ${composeMs.at(-1)!.toFixed(0)} ms, bare Engine calls ${rawMs.at(-1)!.toFixed(0)} ms`,
      );
    }

    // (3a) idle start time: one replica added by Berth while nothing else happens (scale 1 → 2, then back)
    const scaleName = `${PREFIX}scale`;
    stacks.push(scaleName);
    await api('POST', base, { name: scaleName, compose: composeFile(image, 1), env: '', deploy: true });
    const idle: number[] = [];
    for (let i = 0; i < flags.idle; i++) {
      const before = new Set(await projectIds(A, scaleName, 's1'));
      await api('POST', `${base}/${scaleName}/scale`, { service: 's1', replicas: 2, wait: true });
      const added = (await projectIds(A, scaleName, 's1')).filter((id) => !before.has(id));
      idle.push(...(await startTimes(A, added)));
      await api('POST', `${base}/${scaleName}/scale`, { service: 's1', replicas: 1, wait: true });
      await sleep(200);
    }

    // (2) + (3b) scale 1 → 20 with Berth, the start time of each new replica
    const before = new Set(await projectIds(A, scaleName, 's1'));
    const scaleCpu = measureCpu(s.pid);
    const t0 = performance.now();
    await api('POST', `${base}/${scaleName}/scale`, { service: 's1', replicas: 20, wait: true });
    const berthScale = performance.now() - t0;
    const scaleFloor = scaleCpu();
    const added = (await projectIds(A, scaleName, 's1')).filter((id) => !before.has(id));
    if (added.length !== 19) throw new Error(`scale to 20 added ${added.length} containers, not 19`);
    const during = await startTimes(A, added);
    await down(scaleName);

    // (2) baseline: 20 sequential docker run -d of the same image and command
    const runCpu = measureCpu(null);
    const t1 = performance.now();
    for (let i = 0; i < 20; i++) await docker(A, 'run', '-d', '--name', `${PREFIX}run-${i}`, '--label', LABEL, image, ...CMD);
    const dockerRun = performance.now() - t1;
    const dockerRunCpu = runCpu();
    log(`P7 scale 1 → 20: Berth ${berthScale.toFixed(0)} ms, 20 × docker run -d ${dockerRun.toFixed(0)} ms`);

    engine.close();
    const deploy = { berth: summarize(berthMs), compose: summarize(composeMs), raw: summarize(rawMs) };
    const ratioP50 = deploy.berth.p50 / deploy.compose.p50;
    const startIdle = summarize(idle);
    const startDuring = summarize(during);
    const floor = summarize(floors.map((f) => f.floorMs));
    const result: P7Result = {
      runs: flags.runs,
      cores: os.cpus().length,
      deploy: {
        ...deploy,
        ratioP50: round(ratioP50),
        rawRatioP50: round(deploy.berth.p50 / deploy.raw.p50),
        pass: ratioP50 <= P7_TARGETS.deployRatio,
        floor,
        floorRatioP50: round(floor.p50 / deploy.compose.p50),
        samples: { berth: berthMs.map(round), compose: composeMs.map(round), raw: rawMs.map(round), floor: floors },
      },
      scale: {
        berthMs: round(berthScale),
        dockerRunMs: round(dockerRun),
        ratio: round(berthScale / dockerRun),
        pass: berthScale / dockerRun <= P7_TARGETS.scaleRatio,
        floor: scaleFloor,
        floorRatio: round(scaleFloor.floorMs / dockerRun),
        dockerRunCpu,
      },
      start: {
        idle: startIdle,
        duringScale: startDuring,
        ratioP95: round(startDuring.p95 / startIdle.p95),
        pass: startDuring.p95 / startIdle.p95 <= P7_TARGETS.startP95Ratio,
        samples: { idle: idle.map(round), duringScale: during.map(round) },
      },
    };
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const out = path.join(OUT_DIR, `p7-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(out, JSON.stringify({ command: `npx tsx bench/run.ts p7 ${argv.join(' ')}`.trim(), load: os.loadavg(), ...result }, null, 2));
    console.log(`\n${markdownP7(result)}\nRaw results: ${out}`);
    return result;
  } finally {
    const left = (await docker(A, 'ps', '-aq', '--filter', `label=${LABEL}`).catch(() => '')).trim().split('\n').filter(Boolean);
    if (left.length) await docker(A, 'rm', '-f', ...left).catch(() => undefined);
    for (const n of [`${PREFIX}warmc`, ...Array.from({ length: flags.runs }, (_, i) => `${PREFIX}c${i}`)])
      await dc(n, 'down', '-t', '1').catch(() => undefined);
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
const verdict = (pass: boolean) => (pass ? '**PASS**' : '**MISSED**');

export function markdownP7(r: P7Result): string {
  return [
    '| P7 | Berth | baseline | ratio | target |',
    '|---|---|---|---|---|',
    `| deploy 5 services (p50 of ${r.runs}) | ${r.deploy.berth.p50.toFixed(0)} ms | docker-compose up -d ${r.deploy.compose.p50.toFixed(0)} ms | ${r.deploy.ratioP50.toFixed(2)}× | ≤ ${P7_TARGETS.deployRatio}× ${verdict(r.deploy.pass)} |`,
    `| deploy 5 services, Berth vs bare Engine API calls (not a target) | ${r.deploy.berth.p50.toFixed(0)} ms | network + 5 × create+start at once ${r.deploy.raw.p50.toFixed(0)} ms | ${r.deploy.rawRatioP50.toFixed(2)}× | — |`,
    `| scale 1 → 20 | ${r.scale.berthMs.toFixed(0)} ms | 20 × docker run -d ${r.scale.dockerRunMs.toFixed(0)} ms | ${r.scale.ratio.toFixed(2)}× | ≤ ${P7_TARGETS.scaleRatio}× ${verdict(r.scale.pass)} |`,
    `| CPU floor of Berth's deploy (not a target): Engine-side CPU ÷ ${r.cores} cores, p50 | ${r.deploy.floor.p50.toFixed(0)} ms | docker-compose up -d ${r.deploy.compose.p50.toFixed(0)} ms | ${r.deploy.floorRatioP50.toFixed(2)}× | — |`,
    `| CPU floor of Berth's scale (not a target): Engine-side CPU ${r.scale.floor.engineCpuS.toFixed(2)} s ÷ ${r.cores} cores | ${r.scale.floor.floorMs.toFixed(0)} ms | 20 × docker run -d ${r.scale.dockerRunMs.toFixed(0)} ms (Engine + CLI CPU ${r.scale.dockerRunCpu.engineCpuS.toFixed(2)} s) | ${r.scale.floorRatio.toFixed(2)}× | — |`,
    `| start time of one container, p95 (Created → StartedAt) | during scale-up ${r.start.duringScale.p95.toFixed(0)} ms (p50 ${r.start.duringScale.p50.toFixed(0)}) | idle ${r.start.idle.p95.toFixed(0)} ms (p50 ${r.start.idle.p50.toFixed(0)}) | ${r.start.ratioP95.toFixed(2)}× | ≤ ${P7_TARGETS.startP95Ratio}× ${verdict(r.start.pass)} |`,
  ].join('\n');
}

/** The deploy with nothing but Engine calls: the project network, then every container created and started at once. */
async function rawDeploy(engine: EngineClient, project: string, image: string, services: number): Promise<number> {
  const t0 = performance.now();
  const net = `${project}_default`;
  await engine.json('POST', '/networks/create', { Name: net, Labels: { 'io.berth.bench': 'p7' } });
  const ids = await Promise.all(
    Array.from({ length: services }, async (_, i) => {
      const c = await engine.json<{ Id: string }>('POST', `/containers/create?name=${project}-s${i + 1}-1`, {
        Image: image,
        Cmd: CMD,
        Labels: { 'io.berth.bench': 'p7' },
        HostConfig: { NetworkMode: net },
      });
      await engine.json('POST', `/containers/${c.Id}/start`);
      return c.Id;
    }),
  );
  const ms = performance.now() - t0;
  for (const id of ids) await engine.request('DELETE', `/containers/${id}?force=1`);
  await engine.request('DELETE', `/networks/${net}`);
  return ms;
}
