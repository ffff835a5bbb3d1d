import type { AlertRuleInput } from '../lib/schemas/alerts';
import { type BerthServer, berthRequest } from './lib/berth';
import type { P2Result } from './p2';

/**
 * Issue #17's figure: alert evaluation adds ≤ 5 ms p95 to Berth's share of P2's live path. `bench/run.ts p2 --alerts`
 * runs P2, adds these rules (every container kind, every host, no cooldown, so P2's stops fire and its starts resolve
 * on each iteration), and runs P2 again on the same server and fleet.
 */
export const P17_EVAL_TARGET_MS = 5;

const RULES: AlertRuleInput[] = [
  // P2 stops with ?t=0: the Engine kills (137); counted as a death, so each stop really fires and each start resolves
  { name: 'bench: died', kind: 'container-died', params: { ignoreRequestedStops: false }, cooldownSeconds: 0 },
  { name: 'bench: OOM', kind: 'oom-killed', cooldownSeconds: 0 },
  { name: 'bench: restart loop', kind: 'restart-loop', params: { restarts: 3, minutes: 5 }, cooldownSeconds: 0 },
  { name: 'bench: unhealthy', kind: 'unhealthy', cooldownSeconds: 0 },
];

export async function addAlertRules(s: BerthServer): Promise<void> {
  for (const r of RULES) {
    const res = await berthRequest(s, 'POST', '/api/v1/alerts/rules', r);
    if (res.status >= 300) throw new Error(`could not add the alert rule "${r.name}": ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
  }
}

/** How many alerts the second pass raised (fired and resolved again), to show the rules were exercised, not idle. */
export async function alertsRaised(s: BerthServer): Promise<number> {
  const res = await berthRequest(s, 'GET', '/api/v1/alerts?state=all&limit=500');
  if (res.status !== 200) throw new Error(`could not list alerts: ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
  const { alerts } = JSON.parse(res.body.toString('utf8')) as { alerts: { count: number }[] };
  return alerts.reduce((n, a) => n + a.count, 0);
}

/** One line for the log and RESULTS.md: Berth's share (Engine event → page row, and → SSE) without and with rules. */
export function alertOverhead(off: P2Result, on: P2Result): string {
  const d = on.berthShare.p95 - off.berthShare.p95;
  const sse = on.sse.p95 - off.sse.p95;
  return (
    `P2 with alert rules: Berth's share (event → page row) p50 ${off.berthShare.p50} → ${on.berthShare.p50} ms, p95 ${off.berthShare.p95} → ${on.berthShare.p95} ms ` +
    `(${d >= 0 ? '+' : ''}${d.toFixed(1)} ms; target ≤ +${P17_EVAL_TARGET_MS} ms: ${d <= P17_EVAL_TARGET_MS ? 'PASS' : 'FAIL'}); ` +
    `request → SSE p95 ${off.sse.p95} → ${on.sse.p95} ms (${sse >= 0 ? '+' : ''}${sse.toFixed(1)} ms)`
  );
}
