import { describe, expect, it } from 'vitest';
import { schedulingWords, type TaskFacts, taskProblem } from './task-words';

/** Task Status objects as Engine 26.1 answered /tasks on the harness swarm (trimmed to what taskProblem reads). */
const captured = {
  constraint: {
    DesiredState: 'running',
    Status: { State: 'pending', Message: 'pending task scheduling', Err: 'no suitable node (scheduling constraints not satisfied on 3 nodes)' },
  },
  port: {
    DesiredState: 'running',
    Status: { State: 'pending', Message: 'pending task scheduling', Err: 'no suitable node (host-mode port already in use on 3 nodes)' },
  },
  memory: {
    DesiredState: 'running',
    Status: { State: 'pending', Message: 'pending task scheduling', Err: 'no suitable node (insufficient resources on 3 nodes)' },
  },
  exit: { DesiredState: 'shutdown', Status: { State: 'failed', Message: 'started', Err: 'task: non-zero exit (3)', ContainerStatus: { ExitCode: 3 } } },
  image: { DesiredState: 'shutdown', Status: { State: 'rejected', Message: 'preparing', Err: 'No such image: berth-test/nosuch:1' } },
  running: { DesiredState: 'running', Status: { State: 'running', Message: 'started' } },
  shutdown: { DesiredState: 'shutdown', Status: { State: 'shutdown', Message: 'shutdown' } },
};
const facts = (t: { DesiredState: string; Status: { State: string; Message: string; Err?: string } }, nodeName?: string): TaskFacts => ({
  state: t.Status.State,
  desiredState: t.DesiredState,
  message: t.Status.Message,
  err: t.Status.Err ?? null,
  nodeName,
});

describe('task words', () => {
  it('says a constraint no node satisfies, and what to do', () => {
    expect(taskProblem(facts(captured.constraint))).toBe(
      "No node can run this task: the placement constraints rule out 3 nodes. To fix: change the service's constraints, or add the node labels they ask for. (Engine: no suitable node (scheduling constraints not satisfied on 3 nodes))",
    );
  });

  it('names every cause of a mixed explanation, singular and plural', () => {
    const w = schedulingWords('no suitable node (1 node not available for new tasks; scheduling constraints not satisfied on 2 nodes)')!;
    expect(w).toContain('No node can run this task: 1 node not available for new tasks (drained, paused or down); the placement constraints rule out 2 nodes.');
    expect(w).toContain('make a node active again');
    expect(w).toContain("change the service's constraints");
  });

  it('explains a taken host-mode port and missing resources', () => {
    expect(taskProblem(facts(captured.port))).toContain('the published host-mode port is already taken on 3 nodes');
    expect(taskProblem(facts(captured.port))).toContain('a host-mode port allows one task per node');
    expect(taskProblem(facts(captured.memory))).toContain('3 nodes lack the CPU or memory the service reserves');
  });

  it('passes an unknown scheduler part on as the Engine said it', () => {
    expect(schedulingWords('no suitable node (something new on 2 nodes)')).toBe(
      'No node can run this task: something new on 2 nodes. (Engine: no suitable node (something new on 2 nodes))',
    );
    expect(schedulingWords('other')).toBeNull();
  });

  it('says an exit code and a missing image, naming the node', () => {
    expect(taskProblem(facts(captured.exit, 'swarm-node2'))).toBe(
      'The container exited with code 3 on node swarm-node2: its logs say why; Swarm starts a new task as the restart policy allows.',
    );
    expect(taskProblem(facts(captured.image, 'swarm-node1'))).toBe(
      'Image berth-test/nosuch:1 is not on node swarm-node1 and could not be pulled: push it to a registry the nodes can reach, or load it on every node (docker load). (Engine: No such image: berth-test/nosuch:1)',
    );
    expect(taskProblem({ state: 'failed', desiredState: 'shutdown', message: 'started', err: 'task: non-zero exit (137)' })).toContain(
      '(killed: out of memory',
    );
  });

  it('says nothing of a running task or one shut down on purpose', () => {
    expect(taskProblem(facts(captured.running))).toBeNull();
    expect(taskProblem(facts(captured.shutdown))).toBeNull();
    expect(taskProblem({ state: 'pending', desiredState: 'running', message: 'pending task scheduling', err: null })).toBeNull();
  });

  it('explains bind sources, networks and orphaned tasks', () => {
    expect(
      taskProblem({
        state: 'rejected',
        desiredState: 'shutdown',
        message: 'preparing',
        err: 'invalid mount config for type "bind": bind source path does not exist: /srv/x',
        nodeName: 'n2',
      }),
    ).toContain('The bind-mount source /srv/x does not exist on node n2');
    expect(taskProblem({ state: 'orphaned', desiredState: 'running', message: '', err: null, nodeName: 'n3' })).toContain(
      'The node of this task (n3) has been down too long',
    );
  });
});
