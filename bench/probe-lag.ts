/**
 * Investigation aid for P2 (not part of `all`): how long after the Engine's die/start event does the Engine's own
 * filtered container list show the new state? Berth refreshes from that list, so this lag is a floor under Berth's
 * latency that no change in Berth's list-based refresh can remove. Uses the P2 container of a fleet left by --keep,
 * or creates (and removes) its own. Run: npx tsx bench/probe-lag.ts [cycles]
 */
import { EngineClient, followEvents } from './lib/engine';
import { BENCH_LABEL, loadHarness, log, P2_NAME, sleep, wallNow } from './lib/env';
import { summarize } from './lib/stats';

async function main() {
  const cycles = Number(process.argv[2] ?? 40);
  const env = loadHarness();
  const engine = new EngineClient(env.DOCKER_A_SOCKET);
  const found = await engine.json<{ Id: string; Names: string[] }[]>(
    'GET',
    `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ name: [`^/${P2_NAME}$`] }))}`,
  );
  let id = found[0]?.Id;
  const own = !id;
  if (!id) {
    id = (
      await engine.json<{ Id: string }>('POST', `/containers/create?name=${P2_NAME}`, {
        Image: env.TEST_IMAGE,
        Cmd: ['sleep', '3600'],
        Labels: { [BENCH_LABEL]: '1' },
        HostConfig: { NetworkMode: 'none' },
      })
    ).Id;
  }
  await engine.request('POST', `/containers/${id}/start`);
  const raw = await followEvents(engine.socketPath, { type: ['container'], container: [id] }, wallNow);
  const filter = encodeURIComponent(JSON.stringify({ id: [id] }));
  const lag: Record<'die' | 'start', number[]> = { die: [], start: [] };
  const polls: number[] = [];
  for (let i = 0; i < cycles; i++) {
    const stop = i % 2 === 0;
    const [action, want, event] = stop ? (['stop?t=0', 'exited', 'die'] as const) : (['start', 'running', 'start'] as const);
    const from = raw.events.length;
    const req = engine.request('POST', `/containers/${id}/${action}`);
    while (!raw.events.slice(from).some((e) => e.action === event)) await sleep(0);
    const at = raw.events.slice(from).find((e) => e.action === event)!.at;
    // Poll the same filtered list Berth uses, back to back, until it shows the state the event promised.
    let n = 0;
    for (;;) {
      n++;
      const [c] = await engine.json<{ State: string }[]>('GET', `/containers/json?all=1&filters=${filter}`);
      if (c?.State === want) break;
    }
    lag[event].push(wallNow() - at);
    polls.push(n);
    await req;
    await sleep(150);
  }
  raw.close();
  if (own) await engine.request('DELETE', `/containers/${id}?force=1`);
  engine.close();
  log(
    `Engine list lag after the event (ms): die ${JSON.stringify(summarize(lag.die))}; start ${JSON.stringify(summarize(lag.start))}; polls per cycle ${JSON.stringify(summarize(polls))}`,
  );
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});
