/**
 * Berth's performance benchmarks. Usage (from the repository root, after `npx next build`, with the harness up):
 *
 *   npx tsx bench/run.ts p1|p2|mem|all [--runs=60] [--iterations=100] [--idle-ms=30000] [--total=1000]
 *                                      [--running=200] [--port=3300] [--data-dir=/tmp/berth-bench-data] [--keep] [--reuse]
 *   npx tsx bench/run.ts p2 --alerts   (P2, then P2 again with alert rules on every container kind: their cost, issue #17)
 *   npx tsx bench/run.ts p3 [--duration-s=300] …   |   stats-cycles [--cycles=1000]   (see bench/p3.ts, bench/cycles-stats.ts)
 *   npx tsx bench/run.ts p4 [--lines=200000] [--runs=10] …   |   cycles [--cycles=1000] [--views=logs,exec,stats]   (see bench/p4.ts, bench/cycles.ts)
 *   npx tsx bench/run.ts p7 [--runs=5] [--port=3327]   (stacks: deploy and scale vs docker-compose / docker run; see bench/p7.ts)
 *   npx tsx bench/run.ts health-cost [--seconds=60] [--replicas=10]   (what external health checks cost the host; bench/health-cost.ts)
 *   npx tsx bench/run.ts p8 [--part=page|launch|all] [--runs=10] [--launch-runs=3]   (catalog page with 1,000 templates,
 *                                      WordPress launch vs docker compose up --wait; see bench/p8.ts)
 *   npx tsx bench/run.ts p14 [--services=200] [--runs=20] [--scales=10]   (Swarm services page: list, render, CLI scale; bench/p14.ts)
 *   npx tsx bench/run.ts p17 [--kills=100] [--port=3386]   (a died container's webhook reaches a loopback receiver; bench/p17-alerts.ts)
 *
 * Every subcommand sets up the same scene (so each figure is measured under the conditions its target names):
 * the bench fleet on daemon A, a fresh Berth server on its own port and data dir, hosts A (socket) and B (TCP+TLS)
 * registered through the API, and Berth's cache converged. Results go to bench/out/ (JSON) and stdout (markdown).
 */
import { type BerthServer, registerHosts, startBerth, stopBerth, waitSynced } from './lib/berth';
import { EngineClient } from './lib/engine';
import { FLEET_PREFIX, loadHarness, log, type Options, parseOptions } from './lib/env';
import { createFleet, removeBench } from './lib/fixtures';
import { loadNow, machine, markdown, type Results, writeResults } from './lib/report';
import { rssNow, runMem } from './mem';
import { runP1 } from './p1';
import { addAlertRules, alertOverhead, alertsRaised } from './p2-alerts';
import { runP2 } from './p2';
import { runP3 } from './p3';
import { runStatsCycles } from './cycles-stats';
import { runP4 } from './p4';
import { runCycles } from './cycles';
import { runP7 } from './p7';
import { runHealthCost } from './health-cost';
import { runP8 } from './p8';
import { runP14 } from './p14';
import { runP17 } from './p17-alerts';

const COMMANDS = ['p1', 'p2', 'mem', 'all', 'p3', 'stats-cycles', 'p4', 'cycles', 'p7', 'health-cost', 'p8', 'p14', 'p17'] as const;
type Command = (typeof COMMANDS)[number];

let cleanup: (() => Promise<void>) | null = null;

async function main(): Promise<number> {
  const cmd = process.argv[2] as Command;
  if (!COMMANDS.includes(cmd)) {
    console.error(`usage: npx tsx bench/run.ts ${COMMANDS.join('|')} [flags]   (see the comment at the top of bench/run.ts)`);
    return 2;
  }
  // p3 and stats-cycles set up their own scene (50 sleeping containers, or one), not the 1,000-container fleet.
  if (cmd === 'p3') return runP3(process.argv.slice(3)).then(() => 0);
  if (cmd === 'stats-cycles') return runStatsCycles(process.argv.slice(3)).then(() => 0);
  if (cmd === 'p4') return runP4(process.argv.slice(3)).then(() => 0);
  if (cmd === 'cycles') return runCycles(process.argv.slice(3)).then(() => 0);
  if (cmd === 'p7') return runP7(process.argv.slice(3)).then(() => 0);
  if (cmd === 'health-cost') return runHealthCost(process.argv.slice(3)).then(() => 0);
  if (cmd === 'p8') return runP8(process.argv.slice(3)).then(() => 0);
  if (cmd === 'p14') return runP14(process.argv.slice(3)).then(() => 0);
  if (cmd === 'p17') return runP17(process.argv.slice(3)).then(() => 0);
  const opts: Options = parseOptions(process.argv.slice(3));
  const env = loadHarness();
  const engine = new EngineClient(env.DOCKER_A_SOCKET);
  const ping = await engine.request('GET', '/_ping').catch((e: Error) => ({ status: 0, body: Buffer.from(e.message) }));
  if (ping.status !== 200) {
    throw new Error(`daemon A at ${env.DOCKER_A_SOCKET} does not answer (${ping.body}): is the harness up? (bash scripts/harness/up.sh)`);
  }
  await engine.json('GET', `/images/${encodeURIComponent(env.TEST_IMAGE)}/json`).catch(() => {
    throw new Error(`${env.TEST_IMAGE} is not on daemon A: rerun bash scripts/harness/up.sh`);
  });

  let berth: BerthServer | null = null;
  let cleaned = false;
  cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (berth) await stopBerth(berth).catch((e: Error) => log(`could not stop Berth: ${e.message}`));
    if (opts.keep) log('--keep: leaving the bench containers on daemon A (the next run without --reuse removes them)');
    else await removeBench(engine).catch((e: Error) => log(`could not remove bench containers: ${e.message}`));
    engine.close();
  };

  const startedAt = new Date().toISOString();
  const fleet = await createFleet(engine, env.TEST_IMAGE, opts.total, opts.running, opts.reuse);
  log(`fleet ready in ${fleet.seconds.toFixed(1)} s`);
  const results: Results = {
    meta: {
      ...machine(env.DOCKER_A_SOCKET),
      command: `npx tsx bench/run.ts ${process.argv.slice(2).join(' ')}`,
      startedAt,
      fleet: { total: opts.total, running: opts.running, setupSeconds: Math.round(fleet.seconds) },
    },
    rss: {},
    load: {},
  };

  berth = await startBerth(opts.port, opts.dataDir);
  const hosts = await registerHosts(berth, env);
  log(`registered hosts a=${hosts.a} (socket) and b=${hosts.b} (TCP + TLS)`);
  // The P2 container shares the fleet's name prefix, hence +1 (and it is running).
  await waitSynced(berth, hosts, FLEET_PREFIX, opts.total + 1, opts.running + 1);
  results.rss!.afterSync = rssNow(berth);

  // mem first: its figure is the idle server, before P1 and P2 load it with requests and a browser.
  results.load!.beforeMem = loadNow();
  if (cmd === 'mem' || cmd === 'all') results.mem = await runMem(berth, opts.port, opts.idleMs);
  if (cmd === 'p1' || cmd === 'all') {
    results.load!.beforeP1 = loadNow();
    results.p1 = await runP1(env.DOCKER_A_SOCKET, berth.url, hosts, opts.p1Runs);
    results.rss!.afterP1 = rssNow(berth);
  }
  if (cmd === 'p2' || cmd === 'all') {
    results.load!.beforeP2 = loadNow();
    results.p2 = await runP2(engine, berth.url, hosts.a, fleet.p2Id, opts.p2Iterations);
    results.rss!.afterP2 = rssNow(berth);
    if (opts.alerts) {
      await addAlertRules(berth);
      results.load!.beforeP2Alerts = loadNow();
      results.p2Alerts = await runP2(engine, berth.url, hosts.a, fleet.p2Id, opts.p2Iterations);
      log(alertOverhead(results.p2, results.p2Alerts));
      log(`P2 with alert rules: the rules counted ${await alertsRaised(berth)} firings`);
    }
  }
  results.load!.end = loadNow();
  results.meta.finishedAt = new Date().toISOString();

  const file = writeResults(cmd, results);
  await cleanup();
  console.log(`\n${markdown(results)}\nRaw results: ${file}`);
  const failed = [results.p1, results.p2].some((r) => r && !r.pass);
  // Report, don't gate: a missed target is a finding for RESULTS.md, not a crash. Exit 0 either way.
  if (failed) log('at least one target was missed (see above)');
  return 0;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    log(`${sig}: cleaning up`);
    void (cleanup?.() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

main()
  .then((code) => process.exit(code))
  .catch(async (e: Error) => {
    console.error(`bench failed: ${e.stack ?? e.message}`);
    await cleanup?.();
    process.exit(1);
  });
