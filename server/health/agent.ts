import type Docker from 'dockerode';
import type { Engine } from '../docker/connect';
import { createContainer, rawContainers, removeContainer, startContainer } from '../docker/container-calls';
import { execOutput } from '../docker/exec';
import { AGENT_COMMAND, AGENT_LABEL, AgentUnusable, batchCommand, type BatchItem, parseBatchOutput, timeoutSeconds } from './agent-script';
import type { HasHealth } from './memory';
import { probeConfig, type ProbeResult } from './probe';

/**
 * The health agent: one long-lived container per host that runs every probe due on that host in one `exec` per
 * round, entering each target's network namespace with `nsenter` (see agent-script.ts). A short-lived helper
 * container per probe (probe.ts) costs the daemon a create, start, wait and remove — about 140 ms of daemon CPU per
 * probe, 0.7 of a core for 10 containers checked every 2 s; one exec per round costs about as much as one probe did.
 *
 * The agent needs the host's PID namespace (to name targets by their host pid) and CAP_SYS_ADMIN + CAP_SYS_PTRACE (to
 * enter their namespaces). It joins no network (`NetworkMode: none`), so it never blocks `docker network rm`, and it
 * runs only the fixed script Berth gives it. Whoever can reach the Docker socket is root on the host already; the
 * agent adds no access, but an operator who wants no such container sets BERTH_HEALTH_PROBE_MODE=helper. A host
 * where the agent cannot run (rootless or user-namespaced daemons, a probe image without nsenter) falls back to
 * helpers, and the agent is tried again after `retryMs`.
 */
export { AGENT_LABEL };
export const AGENT_NAME = 'berth-health-agent';
export const agentTuning = { retryMs: 5 * 60_000 };

/** For tests and the health API: whether a host's checks go through the agent, and if not why. */
export function agentStatus(b: HasHealth, hostId: string): { mode: 'agent' | 'helper'; reason: string | null } {
  if (probeConfig.mode === 'helper') return { mode: 'helper', reason: 'BERTH_HEALTH_PROBE_MODE=helper' };
  const s = b.health.agents.get(hostId);
  return s?.kind === 'unusable' ? { mode: 'helper', reason: s.reason } : { mode: 'agent', reason: null };
}

export function forgetAgent(b: HasHealth, hostId: string): void {
  b.health.agents.delete(hostId);
}

/** The agent container's id, started if needed, or null when this host uses helpers (mode, or the agent failed lately). */
export async function agentFor(b: HasHealth, engine: Engine, hostId: string): Promise<string | null> {
  if (probeConfig.mode === 'helper') return null;
  const map = b.health.agents;
  const s = map.get(hostId);
  if (s?.kind === 'ready') return s.id;
  if (s?.kind === 'unusable' && Date.now() < s.retryAt) return null;
  try {
    const id = await startAgent(engine);
    map.set(hostId, { kind: 'ready', id });
    return id;
  } catch (e) {
    // a probe image not pulled yet is not the agent's fault: the checker pulls it, and the next round tries again
    if (!/no such image/i.test((e as Error).message)) markUnusable(b, hostId, `the health agent could not start on ${engine.target}: ${(e as Error).message}`);
    return null;
  }
}

function markUnusable(b: HasHealth, hostId: string, reason: string): void {
  b.health.agents.set(hostId, { kind: 'unusable', reason, retryAt: Date.now() + agentTuning.retryMs });
  console.warn(`berth: health: ${reason}; checks on this host use one helper container per probe until it is tried again`);
}

async function startAgent(engine: Engine): Promise<string> {
  const found = await rawContainers(engine, { label: [AGENT_LABEL] });
  // an agent of another probe image (BERTH_HEALTH_PROBE_IMAGE changed) is replaced
  const mine = found.find((c) => c.Image === probeConfig.image);
  for (const c of found) if (c !== mine) await removeContainer(engine, c.Id, { ms: 15_000 }).catch(() => undefined);
  if (mine?.State === 'running') return mine.Id;
  if (mine) await removeContainer(engine, mine.Id, { ms: 15_000 });
  const create: Docker.ContainerCreateOptions = {
    name: AGENT_NAME,
    Image: probeConfig.image,
    Cmd: AGENT_COMMAND,
    Labels: { [AGENT_LABEL]: '1' },
    StopTimeout: 1,
    HostConfig: {
      PidMode: 'host',
      NetworkMode: 'none',
      CapAdd: ['SYS_ADMIN', 'SYS_PTRACE'],
      RestartPolicy: { Name: 'unless-stopped' },
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } },
    },
  };
  let id: string;
  try {
    id = await createContainer(engine, create, 15_000);
  } catch (e) {
    // another Berth (or a test process) on the same host made its agent a moment ago: use that one
    const other = (await rawContainers(engine, { label: [AGENT_LABEL], status: ['running'] }, { all: false }).catch(() => []))[0];
    if (other) return other.Id;
    throw e;
  }
  try {
    await startContainer(engine, id, 15_000);
  } catch (e) {
    await removeContainer(engine, id, { ms: 15_000 }).catch(() => undefined);
    throw e;
  }
  return id;
}

/** Slack for the exec itself on top of the longest probe timeout. */
const EXEC_SLACK_MS = 3000;

/**
 * Runs one batch on the host's agent. Throws AgentUnusable when the agent cannot do the job (this host falls back to
 * helpers); any other failure (agent removed or stopped by hand, Engine busy) forgets the agent so the next round
 * starts it again, and yields no verdict for the batch.
 */
export async function probeBatch(b: HasHealth, engine: Engine, hostId: string, agentId: string, items: BatchItem[]): Promise<ProbeResult[]> {
  const longest = Math.max(...items.map((i) => timeoutSeconds(i.spec.response_timeout))) * 1000;
  try {
    const out = await execOutput(engine, agentId, batchCommand(items), longest + EXEC_SLACK_MS);
    return parseBatchOutput(out, items);
  } catch (e) {
    if (e instanceof AgentUnusable) markUnusable(b, hostId, e.message);
    else forgetAgent(b, hostId);
    const error = `the health agent could not run the probe: ${(e as Error).message.slice(0, 200)}`;
    return items.map(() => ({ ok: false, error, noVerdict: true }));
  }
}
