import { describe, expect, it } from 'vitest';
import { constraintProblem, ServiceCreateSchema, ServiceUpdateSchema, spreadOf } from './swarm-service';

const base = { name: 'web', image: 'berth-test/busybox:latest' };
const issues = (v: unknown) => {
  const r = ServiceCreateSchema.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('ServiceCreateSchema', () => {
  it('takes a minimal service and fills the defaults', () => {
    const s = ServiceCreateSchema.parse(base);
    expect(s).toMatchObject({ name: 'web', mode: 'replicated', replicas: '', endpointMode: 'vip', ports: [], mounts: [], healthcheck: null });
    expect(s.update).toEqual({ parallelism: '', delay: '', failureAction: 'pause', monitor: '', maxFailureRatio: '', order: 'stop-first' });
    expect(s.rollback.failureAction).toBe('pause');
    expect(s.restart.condition).toBe('any');
  });

  it("refuses names Docker refuses, saying Docker's rule", () => {
    for (const name of ['-web', 'web-', 'my.web', 'my web', 'a'.repeat(64), '', 'wéb']) expect(issues({ ...base, name })[0]).toMatch(/^name: Service name/);
    expect(issues({ ...base, name: 'a'.repeat(64) })[0]).toContain('63 characters or fewer');
    expect(issues({ ...base, name: 'my.web' })[0]).toContain('no dots or spaces');
    for (const name of ['web', 'web_1', 'a-b-c', 'A1', 'x']) expect(issues({ ...base, name })).toEqual([]);
  });

  it('splits command words like a shell, never through one', () => {
    const s = ServiceCreateSchema.parse({ ...base, command: `sh -c 'echo hi; sleep 1'`, entrypoint: ['/bin/busybox'] });
    expect(s.command).toEqual(['sh', '-c', 'echo hi; sleep 1']);
    expect(s.entrypoint).toEqual(['/bin/busybox']);
    expect(issues({ ...base, command: `echo 'open` })[0]).toContain('Command: Unclosed single quote');
  });

  it('checks each constraint and preference', () => {
    expect(issues({ ...base, constraints: 'node.labels.zone==east\nnode.role!=manager' })).toEqual([]);
    expect(issues({ ...base, constraints: 'zone=east' })[0]).toContain('Constraint "zone=east" must look like node.labels.zone==east');
    expect(issues({ ...base, constraints: ['node.role==boss'] })[0]).toContain('node.role is manager or worker');
    expect(constraintProblem('node.hostname != swarm-node3')).toBeNull();
    expect(constraintProblem('engine.labels.disk==ssd')).toBeNull();
    expect(issues({ ...base, preferences: 'spread=node.labels.zone' })).toEqual([]);
    expect(issues({ ...base, preferences: 'binpack=cpu' })[0]).toContain('must look like spread=node.labels.zone');
    expect(spreadOf('node.labels.rack')).toBe('node.labels.rack');
  });

  it('checks ports: numbers, modes, dnsrr without ingress, and no port published twice', () => {
    expect(issues({ ...base, ports: [{ target: '', published: '80' }] })[0]).toBe('ports.0.target: Container port is required, e.g. 80');
    expect(issues({ ...base, ports: [{ target: '80', published: '70000' }] })[0]).toContain('Published port "70000" must be a port from 1 to 65535');
    expect(issues({ ...base, ports: [{ target: '80', mode: 'bridge' }] })[0]).toContain('Port mode must be ingress or host');
    expect(issues({ ...base, endpointMode: 'dnsrr', ports: [{ target: '80', published: '8080' }] })[0]).toContain(
      'ports.0.mode: Endpoint mode dnsrr has no virtual IP for the routing mesh: publish this port in host mode',
    );
    expect(issues({ ...base, endpointMode: 'dnsrr', ports: [{ target: '80', published: '8080', mode: 'host' }] })).toEqual([]);
    expect(
      issues({
        ...base,
        ports: [
          { target: '80', published: '8080', mode: 'host' },
          { target: '81', published: '8080', mode: 'host' },
        ],
      })[0],
    ).toBe('ports.1.published: Port 8080/tcp is published twice');
  });

  it('checks mounts by type', () => {
    expect(issues({ ...base, mounts: [{ type: 'bind', source: 'relative', target: '/data' }] })[0]).toContain('must be an absolute path on the nodes');
    expect(issues({ ...base, mounts: [{ type: 'tmpfs', source: 'x', target: '/t' }] })[0]).toContain('A tmpfs mount has no source');
    expect(issues({ ...base, mounts: [{ type: 'volume', source: 'data', target: 'data' }] })[0]).toContain('must be an absolute path inside the container');
    expect(issues({ ...base, mounts: [{ type: 'volume', target: '/a', tmpfsSize: '1m' }] })[0]).toContain('A size only applies to tmpfs mounts');
    expect(
      issues({
        ...base,
        mounts: [
          { type: 'volume', source: 'a', target: '/d' },
          { type: 'tmpfs', target: '/d' },
        ],
      })[0],
    ).toBe('mounts.1.target: /d is mounted twice');
  });

  it('checks rollout, restart, resources and mode', () => {
    expect(issues({ ...base, update: { failureAction: 'rollback', monitor: '10s', delay: 'soon' } })[0]).toContain('Delay must be a duration like 10s');
    expect(issues({ ...base, rollback: { failureAction: 'rollback' } })[0]).toContain('Failure action must be pause, continue');
    expect(issues({ ...base, update: { maxFailureRatio: '1.5' } })[0]).toContain('Max failure ratio must be a number from 0 to 1');
    expect(issues({ ...base, restart: { condition: 'always' } })[0]).toContain('Restart condition must be any, on-failure or none');
    expect(issues({ ...base, resources: { memoryLimit: 'lots' } })[0]).toContain('Memory limit must be a size like 256m');
    expect(issues({ ...base, resources: { cpuLimit: '-1' } })[0]).toContain('CPU limit must be a number of CPUs');
    expect(issues({ ...base, mode: 'global', replicas: '3' })[0]).toContain('Replicas only apply to replicated mode');
    expect(issues({ ...base, replicas: 'two' })[0]).toContain('Replicas must be a whole number');
  });

  it('normalizes capabilities and refuses unknown keys', () => {
    expect(ServiceCreateSchema.parse({ ...base, capAdd: 'net_admin, CAP_SYS_TIME' }).capAdd).toEqual(['CAP_NET_ADMIN', 'CAP_SYS_TIME']);
    expect(issues({ ...base, privileged: true })[0]).toContain('Unrecognized key');
    expect(issues({ ...base, sysctls: [{ key: 'bad key', value: '1' }] })[0]).toContain('Sysctl names look like net.core.somaxconn');
  });

  it('the update schema has no name (Docker cannot rename a service)', () => {
    expect(ServiceUpdateSchema.safeParse({ image: 'x' }).success).toBe(true);
    expect(ServiceUpdateSchema.safeParse({ ...base }).success).toBe(false);
  });
});
