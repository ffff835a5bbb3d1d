/**
 * A task's state and the Engine's terse error, said in plain words: the cause and what to do (pure). Swarm's scheduler
 * explains a pending task as "no suitable node (A on N nodes; B on M nodes)", one part per filter that ruled nodes out
 * (swarmkit's scheduler filters); the agent's errors are Engine error texts ("No such image: x", "task: non-zero exit
 * (3)"). Anything not recognised is passed on as the Engine said it, so nothing is hidden.
 */

export interface TaskFacts {
  state: string;
  desiredState: string;
  message: string;
  err: string | null;
  nodeName?: string | null;
  exitCode?: number | null;
}

const nodes = (n: string) => (n === '1' ? '1 node' : `${n} nodes`);

/** One scheduler filter's explanation → [what it means, what to do]. */
const FILTERS: [RegExp, (n: string) => [string, string]][] = [
  [
    /^(\d+) nodes? not available for new tasks$/,
    (n) => [`${nodes(n)} not available for new tasks (drained, paused or down)`, 'make a node active again (Swarm page, node menu)'],
  ],
  [
    /^scheduling constraints not satisfied on (\d+) nodes?$/,
    (n) => [`the placement constraints rule out ${nodes(n)}`, "change the service's constraints, or add the node labels they ask for"],
  ],
  [
    /^insufficient resources on (\d+) nodes?$/,
    (n) => [`${nodes(n)} lack the CPU or memory the service reserves`, 'lower the reservations, or free or add capacity'],
  ],
  [
    /^host-mode port already in use on (\d+) nodes?$/,
    (n) => [
      `the published host-mode port is already taken on ${nodes(n)}`,
      'a host-mode port allows one task per node: publish another port, run fewer replicas than nodes, or stop what holds the port',
    ],
  ],
  [/^missing plugin on (\d+) nodes?$/, (n) => [`${nodes(n)} lack a plugin the service needs (a volume or network driver)`, 'install the plugin there']],
  [
    /^unsupported platform on (\d+) nodes?$/,
    (n) => [`the image is not built for the OS or architecture of ${nodes(n)}`, 'use an image built for those nodes, or a platform constraint'],
  ],
  [/^max replicas per node limit exceed/, () => ['every eligible node already runs the most replicas per node allowed', 'raise the limit or add nodes']],
  [
    /^cannot fulfill requested CSI volume mounts on (\d+) nodes?$/,
    (n) => [`the CSI volumes the service mounts cannot be had on ${nodes(n)}`, 'check the volumes'],
  ],
];

/** "no suitable node (a; b)" → one sentence naming each cause and what to do. */
export function schedulingWords(err: string): string | null {
  const m = /^no suitable node(?: \((.*)\))?$/.exec(err.trim());
  if (!m) return null;
  const parts = (m[1] ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  const causes: string[] = [];
  const todo: string[] = [];
  for (const p of parts) {
    const hit = FILTERS.find(([re]) => re.test(p));
    const [cause, fix] = hit ? hit[1](hit[0].exec(p)![1] ?? '') : [p, ''];
    causes.push(cause);
    if (fix && !todo.includes(fix)) todo.push(fix);
  }
  const why = causes.length ? `: ${causes.join('; ')}` : '';
  return `No node can run this task${why}.${todo.length ? ` To fix: ${todo.join('; ')}.` : ''} (Engine: ${err.trim()})`;
}

const where = (f: TaskFacts) => (f.nodeName ? ` on node ${f.nodeName}` : '');

/** The agent's errors (image, exit, mounts, networks) in words. */
function agentWords(f: TaskFacts, err: string): string {
  let m: RegExpExecArray | null;
  if ((m = /No such image: (\S+)/i.exec(err)) || (m = /pull access denied for ([^,\s]+)/i.exec(err)))
    return `Image ${m[1]} is not${where(f)} and could not be pulled: push it to a registry the nodes can reach, or load it on every node (docker load). (Engine: ${err})`;
  if ((m = /^task: non-zero exit \((\d+)\)$/.exec(err))) {
    const code = Number(m[1]);
    const killed = code === 137 ? ' (killed: out of memory, or stopped by force)' : code === 143 ? ' (stopped by SIGTERM)' : '';
    return `The container exited with code ${code}${killed}${where(f)}: its logs say why; Swarm starts a new task as the restart policy allows.`;
  }
  if ((m = /bind source path does not exist: (\S+)/.exec(err)))
    return `The bind-mount source ${m[1]} does not exist${where(f)}: create it on every node the task may run on, constrain the service to nodes that have it, or use a volume. (Engine: ${err})`;
  if ((m = /network (\S+) not found/i.exec(err)))
    return `Network ${m[1]} is not found${where(f)}: attach the service to an overlay network that exists (docker network ls). (Engine: ${err})`;
  if (/starting container failed|OCI runtime|exec: /.test(err))
    return `The container could not start${where(f)}: check the command and the image's entrypoint. (Engine: ${err})`;
  return `The task failed${where(f)}: ${err}`;
}

/**
 * What is wrong with a task, or what it waits for, in plain words; null when nothing is (running as wanted, or shut
 * down on purpose, or completed).
 */
export function taskProblem(f: TaskFacts): string | null {
  const err = f.err?.trim() || null;
  if (f.state === 'pending' || f.state === 'new' || f.state === 'allocated') {
    if (err) return schedulingWords(err) ?? `Waiting to be placed on a node: ${err}`;
    return null;
  }
  if (f.state === 'orphaned')
    return `The node of this task${f.nodeName ? ` (${f.nodeName})` : ''} has been down too long: Swarm gave the task up and places a new one elsewhere.`;
  if (f.state === 'failed' || f.state === 'rejected') return agentWords(f, err ?? (f.message || 'the Engine gives no reason'));
  // Shut down or completed as asked, or on the way up: a leftover error (an earlier attempt's) is still worth showing.
  if (err && f.desiredState === 'running') return agentWords(f, err);
  return null;
}
