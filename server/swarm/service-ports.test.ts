import { describe, expect, it } from 'vitest';
import type { SwarmNode } from '@/lib/swarm-types';
import type { EngineService, RawTask } from '../docker/service-calls';
import { eligibleNodes, hostPortsTakenEverywhere, matchesConstraint } from './service-ports';
import type { ServiceSpec } from './service-spec';

const node = (id: string, extra: Partial<SwarmNode> = {}): SwarmNode =>
  ({ id, hostname: `node-${id}`, role: 'worker', availability: 'active', status: 'ready', labels: {}, os: 'linux', arch: 'x86_64', ...extra }) as SwarmNode;
const nodes = [node('1', { role: 'manager', labels: { zone: 'east' } }), node('2', { labels: { zone: 'West' } }), node('3', { availability: 'drain' })];
const hostPort = (p: number) => ({ EndpointSpec: { Ports: [{ TargetPort: 80, PublishedPort: p, PublishMode: 'host', Protocol: 'tcp' }] } });
const svc = (id: string, name: string, extra: object): EngineService<ServiceSpec> => ({
  ID: id,
  Version: { Index: 1 },
  CreatedAt: '',
  UpdatedAt: '',
  Spec: { Name: name, ...extra },
});
const task = (service: string, nodeId: string, desired = 'running'): RawTask => ({
  ID: `${service}.${nodeId}`,
  ServiceID: service,
  NodeID: nodeId,
  DesiredState: desired,
  CreatedAt: '',
  Status: { Timestamp: '', State: 'running' },
});

describe('placement', () => {
  it('matches constraints as swarmkit does (values without case, a missing label is !=)', () => {
    expect(matchesConstraint(nodes[1], 'node.labels.zone==west')).toBe(true);
    expect(matchesConstraint(nodes[1], 'node.labels.rack!=a')).toBe(true);
    expect(matchesConstraint(nodes[1], 'node.labels.rack==a')).toBe(false);
    expect(matchesConstraint(nodes[0], 'node.role == manager')).toBe(true);
    expect(matchesConstraint(nodes[0], 'engine.labels.x==y')).toBe(true);
  });
  it('counts only ready, active nodes matching every constraint', () => {
    expect(eligibleNodes(nodes, {}).map((n) => n.id)).toEqual(['1', '2']);
    expect(eligibleNodes(nodes, { TaskTemplate: { Placement: { Constraints: ['node.role==worker'] } } }).map((n) => n.id)).toEqual(['2']);
  });
});

describe('host ports taken on every eligible node', () => {
  const eligible = eligibleNodes(nodes, {});
  it('names the holder on each node when none is free', () => {
    const services = [svc('a', 'web', hostPort(8080))];
    expect(hostPortsTakenEverywhere(hostPort(8080), eligible, services, [task('a', '1'), task('a', '2')])).toEqual([
      {
        port: '8080/tcp',
        holders: [
          { node: 'node-1', service: 'web' },
          { node: 'node-2', service: 'web' },
        ],
      },
    ]);
  });
  it('is fine while one eligible node is free, or the holder is shutting down', () => {
    const services = [svc('a', 'web', hostPort(8080))];
    expect(hostPortsTakenEverywhere(hostPort(8080), eligible, services, [task('a', '1')])).toEqual([]);
    expect(hostPortsTakenEverywhere(hostPort(8080), eligible, services, [task('a', '1'), task('a', '2', 'shutdown')])).toEqual([]);
    expect(hostPortsTakenEverywhere(hostPort(9090), eligible, services, [task('a', '1'), task('a', '2')])).toEqual([]);
  });
  it('counts an ingress port as taken on every node, and a port a task reports bound', () => {
    const ingress = svc('b', 'mesh', { EndpointSpec: { Ports: [{ TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }] } });
    expect(hostPortsTakenEverywhere(hostPort(8080), eligible, [ingress], [])[0].holders).toHaveLength(2);
    const bound: RawTask = {
      ...task('c', '1'),
      Status: { Timestamp: '', State: 'running', PortStatus: { Ports: [{ PublishedPort: 8080, PublishMode: 'host', Protocol: 'tcp' }] } },
    };
    expect(hostPortsTakenEverywhere(hostPort(8080), [eligible[0]], [svc('c', 'other', {})], [bound])[0].holders).toEqual([
      { node: 'node-1', service: 'other' },
    ]);
  });
});
