import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureCpu } from './lib/cpu-floor';
import { loadHarness, log, OUT_DIR, sleep } from './lib/env';
import { request, type Server, startServer } from './p3-lib';

/**
 * What external health checks cost the Docker host: 10 replicas of a busybox httpd, an HTTP check every 2,000 ms
 * (Rancher's default interval), for `--seconds` each: (0) no checks, (1) one helper container per probe
 * (BERTH_HEALTH_PROBE_MODE=helper), (2) the health agent, one exec per round (the default). Reported: the CPU the
 * Engine side spent (every process but Berth and this bench: dockerd, containerd, shims, runc, the probes) and
 * Berth's own, per minute, from /proc (lib/cpu-floor.ts). Not a target of any issue; it backs the default mode.
 *
 *   BERTH_NEXT_DIST_DIR=.next-x npx tsx bench/run.ts health-cost [--seconds=60] [--replicas=10] [--port=3341]
 */
interface Flags {
  seconds: number;
  replicas: number;
  port: number;
}

const parse = (argv: string[]): Flags => {
  const f = new Map(
    argv
      .map((a) => /^--([a-z-]+)=(.*)$/.exec(a))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2]]),
  );
  return { seconds: Number(f.get('seconds') ?? 60), replicas: Number(f.get('replicas') ?? 10), port: Number(f.get('port') ?? 3341) };
};

const composeFile = (image: string, replicas: number, check: boolean) => `services:
  web:
    image: ${image}
    command: ["sh", "-c", "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www"]
    stop_grace_period: 1s
    deploy: { replicas: ${replicas} }
${check ? '    x-berth-healthcheck: { type: http, port: 8080, path: /index.html, interval: 2000 }\n' : ''}`;

interface Phase {
  mode: 'none' | 'helper' | 'agent';
  engineCpuPerMin: number;
  berthCpuPerMin: number;
}

export async function runHealthCost(argv: string[]): Promise<Phase[]> {
  const flags = parse(argv);
  const env = loadHarness();
  process.env.BERTH_HEALTH_PROBE_IMAGE = env.TEST_IMAGE;
  const phases: Phase[] = [];
  for (const mode of ['helper', 'agent'] as const) {
    process.env.BERTH_HEALTH_PROBE_MODE = mode;
    let server: Server | null = null;
    try {
      server = await startServer({ port: flags.port, socket: env.DOCKER_A_SOCKET });
      const s = server;
      const api = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
        const r = await request(s.url, method, p, s.auth, body);
        if (r.status >= 400) throw new Error(`${method} ${p} → ${r.status}: ${r.body.slice(0, 300)}`);
        return JSON.parse(r.body) as T;
      };
      const hostId = (await api<{ hosts: { id: string }[] }>('GET', '/api/v1/hosts')).hosts[0].id;
      const base = `/api/v1/hosts/${hostId}/stacks`;
      const name = `berth-hc-cost-${mode}`;
      const measure = async (what: Phase['mode']) => {
        await sleep(5000);
        const end = measureCpu(s.pid);
        await sleep(flags.seconds * 1000);
        const cpu = end();
        const perMin = (x: number) => Math.round(((x * 60) / flags.seconds) * 100) / 100;
        phases.push({ mode: what, engineCpuPerMin: perMin(cpu.engineCpuS), berthCpuPerMin: perMin(cpu.clientCpuS) });
        log(`health-cost ${what}: Engine side ${phases.at(-1)!.engineCpuPerMin} CPU s/min, Berth ${phases.at(-1)!.berthCpuPerMin} CPU s/min`);
      };
      await api('POST', base, { name, compose: composeFile(env.TEST_IMAGE, flags.replicas, mode === 'agent'), env: '', deploy: true });
      try {
        if (mode === 'helper') {
          await measure('none');
          // the stack page's Health panel: writes the check into the stored file, no redeploy
          await api('PUT', `${base}/${name}/health`, { service: 'web', check: { type: 'http', port: 8080, path: '/index.html', interval: 2000 } });
        }
        // every replica healthy before the clock runs (the first probes also pull nothing: the image is local)
        for (let i = 0; ; i++) {
          const all = (await api<{ containers: { stack: string; state: string }[] }>('GET', '/api/v1/health')).containers.filter((h) => h.stack === name);
          if (all.length === flags.replicas && all.every((h) => h.state === 'healthy')) break;
          if (i > 120) throw new Error(`${mode}: the replicas did not all turn healthy within 60 s (${JSON.stringify(all.map((h) => h.state))})`);
          await sleep(500);
        }
        await measure(mode);
      } finally {
        await api('POST', `${base}/${name}/down`, { removeVolumes: true, wait: true }).catch((e: Error) => log(e.message));
      }
    } finally {
      await server?.stop();
    }
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const out = path.join(OUT_DIR, `health-cost-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    out,
    JSON.stringify({ command: `npx tsx bench/run.ts health-cost ${argv.join(' ')}`.trim(), load: os.loadavg(), ...flags, phases }, null, 2),
  );
  console.log(
    [
      '',
      `| ${flags.replicas} replicas, HTTP check every 2,000 ms | Engine-side CPU s per minute | Berth CPU s per minute |`,
      '|---|---|---|',
      ...phases.map((p) => `| ${p.mode} | ${p.engineCpuPerMin} | ${p.berthCpuPerMin} |`),
      `Raw results: ${out}`,
    ].join('\n'),
  );
  return phases;
}
