import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { type ContainerEvidence, dependsOnFromLabel, fromInspect, type StackEvidence } from './evidence';
import { diagnoseStackEvidence, unmet } from './stack-rules';

/** A stack's rules on captured container states (fixtures/), placed in services as a deploy would label them. */
const container = (fixture: string, service: string, extra: Partial<ContainerEvidence> = {}): ContainerEvidence => {
  const e = fromInspect(JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `${fixture}.json`), 'utf8')) as Docker.ContainerInspectInfo);
  return {
    ...e,
    name: `shop-${service}-1`,
    labels: { ...e.labels, 'com.docker.compose.service': service, 'com.docker.compose.container-number': '1' },
    imagePresent: true,
    logs: [],
    ...extra,
  };
};
const healthy = (service: string) => container('unhealthy', service, { health: { status: 'healthy', failingStreak: 0, log: [] } });

const failedDeploy = {
  kind: 'deploy',
  status: 'failed',
  error: `db is unhealthy: cat: can't open '/tmp/ready': No such file or directory`,
  finishedAt: '2026-12-03T12:30:00.000Z',
  services: [
    { service: 'db', state: 'failed', message: `db is unhealthy: cat: can't open '/tmp/ready': No such file or directory` },
    { service: 'web', state: 'skipped', message: `not started: db is unhealthy: cat: can't open '/tmp/ready': No such file or directory` },
  ],
};

describe('stack diagnosis', () => {
  it('a service whose dependency fails its healthcheck: the dependency, the missing container, the failed deploy, and the cause', () => {
    const e: StackEvidence = {
      name: 'shop',
      services: [
        { name: 'db', replicas: 1, dependsOn: {}, containers: [container('unhealthy', 'db')] },
        { name: 'web', replicas: 1, dependsOn: { db: 'service_healthy' }, containers: [] },
      ],
      lastFailed: failedDeploy,
    };
    const d = diagnoseStackEvidence(e);
    expect(d.healthy).toBe(false);
    expect(d.hints.map((h) => `${h.id}:${h.service ?? ''}`)).toEqual(['operation-failed:', 'dependency:web', 'no-container:web', 'healthcheck:db']);
    const dep = d.hints[1];
    expect(dep.title).toBe('web waits on db, which is not healthy');
    expect(dep.evidence).toBe(
      `depends_on db (condition: service_healthy); shop-db-1 is unhealthy, last check output "cat: can't open '/tmp/ready': No such file or directory"`,
    );
    expect(d.hints[3].container).toBe('shop-db-1');
    expect(d.containers.map((c) => c.container.name)).toEqual(['shop-db-1']);
    expect(d.hints[0].evidence).toMatch(/^deploy failed at 2026-12-03T12:30:00.000Z: "db is unhealthy/);
  });

  it('after a deploy that failed and was undone: the operation quoted for each service without a container', () => {
    const e: StackEvidence = {
      name: 'shop',
      services: [
        { name: 'db', replicas: 1, dependsOn: {}, containers: [] },
        { name: 'web', replicas: 1, dependsOn: { db: 'service_healthy' }, containers: [] },
      ],
      lastFailed: failedDeploy,
    };
    const d = diagnoseStackEvidence(e);
    expect(d.hints.map((h) => `${h.id}:${h.service ?? ''}`)).toEqual(['operation-failed:', 'dependency:web', 'no-container:db', 'no-container:web']);
    expect(d.hints[1].evidence).toBe(
      `depends_on db (condition: service_healthy); db has no container; the last deploy said "db is unhealthy: cat: can't open '/tmp/ready': No such file or directory"`,
    );
    expect(d.hints[2]).toMatchObject({ title: 'db failed in the last deploy, which removed its container' });
    expect(d.hints[3]).toMatchObject({ title: 'web has no container' });
    expect(d.hints[3].evidence).toMatch(/the last deploy said "not started: db is unhealthy/);
  });

  it('a running service whose dependency stopped is a warning', () => {
    const e: StackEvidence = {
      name: 'shop',
      services: [
        { name: 'db', replicas: 1, dependsOn: {}, containers: [container('exit1', 'db')] },
        { name: 'web', replicas: 1, dependsOn: { db: 'service_started' }, containers: [healthy('web')] },
      ],
      lastFailed: null,
    };
    const d = diagnoseStackEvidence(e);
    expect(d.hints.find((h) => h.id === 'dependency')).toMatchObject({ severity: 'warning', title: 'web depends on db, which is not running' });
    expect(d.hints.find((h) => h.service === 'db')?.id).toBe('exit-code');
  });

  it('conditions: started, healthy, completed successfully', () => {
    const svc = (c: ContainerEvidence[]) => ({ name: 'dep', replicas: 1, dependsOn: {}, containers: c });
    expect(unmet('dep', svc([healthy('dep')]), 'service_healthy')).toBeNull();
    expect(unmet('dep', svc([container('unhealthy', 'dep', { health: null })]), 'service_healthy')).toMatch(/has no healthcheck/);
    expect(unmet('dep', svc([container('restart', 'dep')]), 'service_started')).toBe('shop-dep-1 is restarting (exit code 3)');
    expect(unmet('dep', svc([container('exit1', 'dep', { exitCode: 0 })]), 'service_completed_successfully')).toBeNull();
    expect(unmet('dep', svc([container('exit1', 'dep')]), 'service_completed_successfully')).toBe('shop-dep-1 exited with code 1');
    expect(unmet('dep', svc([]), 'service_started')).toBe('dep has no container');
    expect(unmet('dep', undefined, 'service_started')).toBe('dep is not in the stack');
  });

  it('a healthy stack has no hints', () => {
    const d = diagnoseStackEvidence({ name: 'shop', services: [{ name: 'web', replicas: 1, dependsOn: {}, containers: [healthy('web')] }], lastFailed: null });
    expect(d).toMatchObject({ healthy: true, hints: [], containers: [] });
  });

  it("reads Compose v2's depends_on label", () => {
    expect(dependsOnFromLabel('db:service_healthy:false,cache:service_started:true')).toEqual({ db: 'service_healthy', cache: 'service_started' });
    expect(dependsOnFromLabel('')).toEqual({});
  });
});
