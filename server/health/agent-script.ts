import type { ProbeResult } from './probe';
import type { BerthHealthSpec } from '@/lib/schemas/health';

/**
 * The health agent's batch probe, as pure parts: the fixed script the agent runs (`sh -c SCRIPT sh <args…>`), the
 * argument list for a batch, and the parsing of its output. The script is a constant: what varies (pids, ports, paths,
 * timeouts) travels as positional arguments, never spliced into shell text.
 *
 * Per probe, five arguments: the target's host pid, `http`|`tcp`, port, path, timeout in whole seconds. Each probe
 * runs in the background inside the target's network namespace (`nsenter -t <pid> -n`, so it sees the container as
 * its peers on the Docker network do) with a watchdog that kills it when the timeout passes (busybox `wget -T`
 * crashes Debian's static busybox 1.35, and its `timeout` applet exits 0 when it kills). Each prints `<index> <exit
 * code>` when it ends; the script ends when all have. The watchdog's output goes to /dev/null so a `sleep` it leaves
 * behind never holds the exec's output stream open.
 */
/** The label of the agent container; the container list shows such a container as Berth's own. */
export const AGENT_LABEL = 'io.berth.health-agent';

export const AGENT_SCRIPT = [
  'command -v nsenter >/dev/null 2>&1 || { echo no-nsenter; exit 3; }',
  'i=0',
  'while [ "$#" -ge 5 ]; do',
  '  (',
  '    if [ "$2" = tcp ]; then nsenter -t "$1" -n nc -w "$5" 127.0.0.1 "$3" </dev/null >/dev/null 2>&1 &',
  '    else nsenter -t "$1" -n wget -q -O /dev/null "http://127.0.0.1:$3$4" </dev/null >/dev/null 2>&1 &',
  '    fi',
  '    p=$!',
  '    ( sleep "$5"; kill "$p" ) >/dev/null 2>&1 &',
  '    w=$!',
  '    wait "$p"; rc=$?',
  '    kill "$w" 2>/dev/null',
  '    echo "$i $rc"',
  '  ) &',
  '  i=$((i+1)); shift 5',
  'done',
  'wait',
].join('\n');

/** The agent container's own command: sleep until stopped, and stop at once on TERM (a bare sleep as PID 1 ignores it). */
export const AGENT_COMMAND = ['sh', '-c', "trap 'exit 0' TERM; while :; do sleep 3600 & wait; done"];

export interface BatchItem {
  pid: number;
  spec: Pick<BerthHealthSpec, 'type' | 'port' | 'path' | 'response_timeout'>;
}

export const timeoutSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The exec's Cmd for a batch. */
export function batchCommand(items: BatchItem[]): string[] {
  const args = items.flatMap(({ pid, spec }) => [
    String(pid),
    spec.type,
    String(spec.port),
    spec.type === 'http' ? spec.path : '/',
    String(timeoutSeconds(spec.response_timeout)),
  ]);
  return ['sh', '-c', AGENT_SCRIPT, 'sh', ...args];
}

/** What a failed probe says, the same words in agent and helper mode. */
export function failureMessage(spec: Pick<BerthHealthSpec, 'type' | 'port' | 'path'>): string {
  return spec.type === 'tcp'
    ? `TCP port ${spec.port} refused or timed out`
    : `HTTP GET ${spec.path} on port ${spec.port} failed (refused, timed out, or status 4xx/5xx)`;
}

export class AgentUnusable extends Error {}

/**
 * One result per item, in order. An exit code of 0 passes; killed by the watchdog (TERM, 143) is a timeout; 127 means
 * the image lacks an applet. A missing line means the probe never reported: no verdict is made up for it.
 */
export function parseBatchOutput(out: string, items: BatchItem[]): ProbeResult[] {
  if (/^no-nsenter$/m.test(out)) throw new AgentUnusable('the probe image has no nsenter applet (busybox with nsenter is needed for the health agent)');
  const codes = new Map<number, number>();
  for (const line of out.split('\n')) {
    const m = /^(\d+) (\d+)$/.exec(line.trim());
    if (m) codes.set(Number(m[1]), Number(m[2]));
  }
  return items.map(({ spec }, i) => {
    const rc = codes.get(i);
    if (rc === undefined) return { ok: false, error: 'the health agent did not report this probe' };
    if (rc === 0) return { ok: true, error: null };
    if (rc === 143 || rc === 137) return { ok: false, error: `no answer on port ${spec.port} within ${spec.response_timeout} ms` };
    if (rc === 127)
      return { ok: false, error: `the probe image lacks ${spec.type === 'tcp' ? 'nc' : 'wget'} (set BERTH_HEALTH_PROBE_IMAGE to a busybox image)` };
    return { ok: false, error: failureMessage(spec) };
  });
}
