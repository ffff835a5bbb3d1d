import { describe, expect, it } from 'vitest';
import type { RawService, RawTask } from '../docker/swarm-services';
import { countTasks, pendingReason } from './services';
import { sortTasks, taskName, toSwarmTask } from './tasks';

const service = (id: string, mode: RawService['Spec']['Mode']): RawService => ({
  ID: id,
  Version: { Index: 1 },
  CreatedAt: '',
  UpdatedAt: '',
  Spec: { Name: id, Mode: mode },
});
const task = (serviceId: string, state: string, o: Partial<RawTask> = {}): RawTask => ({
  ID: `t${Math.random().toString(36).slice(2, 14)}xxxxxxxxxxxx`,
  ServiceID: serviceId,
  DesiredState: 'running',
  CreatedAt: '2026-12-03T15:00:00Z',
  Status: { Timestamp: '', State: state },
  ...o,
});

describe('service counts from one /tasks answer', () => {
  it('counts a replicated service against its replicas, only its own tasks meant to run', () => {
    const web = service('web', { Replicated: { Replicas: 3 } });
    const tasks = [task('web', 'running'), task('web', 'pending'), task('web', 'shutdown', { DesiredState: 'shutdown' }), task('other', 'running')];
    expect(countTasks(web, tasks)).toEqual({ running: 1, desired: 3 });
  });

  it('counts a global service by the nodes the scheduler gave it a task on', () => {
    const g = service('g', { Global: {} });
    const tasks = [task('g', 'running', { NodeID: 'n1' }), task('g', 'running', { NodeID: 'n2' }), task('g', 'starting', { NodeID: 'n3' })];
    expect(countTasks(g, tasks)).toEqual({ running: 2, desired: 3 });
  });

  it("gives the first waiting task's reason in words", () => {
    const web = service('web', { Replicated: { Replicas: 1 } });
    const waiting = task('web', 'pending', { Status: { Timestamp: '', State: 'pending', Err: 'no suitable node (insufficient resources on 3 nodes)' } });
    expect(pendingReason(web, [waiting])).toContain('3 nodes lack the CPU or memory the service reserves');
    expect(pendingReason(web, [task('web', 'running')])).toBeNull();
  });
});

describe('tasks', () => {
  it('are named as the CLI names them: slot for replicated, node id for global', () => {
    expect(taskName('web', { ID: 'qgarlhr6apkqycxsttrtgl6dc', Slot: 2 })).toBe('web.2.qgarlhr6apkq');
    expect(taskName('g', { ID: 'qgarlhr6apkqycxsttrtgl6dc', NodeID: 'vw8702a5ghpx8ljyqykg50oi4' })).toBe('g.vw8702a5ghpx8ljyqykg50oi4.qgarlhr6apkq');
  });

  it('sort those meant to run first, by slot, newest first within a slot', () => {
    const names = new Map([['n1', 'node1']]);
    const rows = [
      task('web', 'shutdown', { Slot: 1, DesiredState: 'shutdown', NodeID: 'n1', CreatedAt: '2026-12-03T15:00:00Z' }),
      task('web', 'running', { Slot: 2, NodeID: 'n1', CreatedAt: '2026-12-03T15:00:01Z' }),
      task('web', 'running', { Slot: 1, NodeID: 'n1', CreatedAt: '2026-12-03T15:00:02Z' }),
    ].map((t) => toSwarmTask(t, 'web', names));
    expect(sortTasks(rows).map((t) => [t.slot, t.desiredState, t.nodeName])).toEqual([
      [1, 'running', 'node1'],
      [2, 'running', 'node1'],
      [1, 'shutdown', 'node1'],
    ]);
  });
});
