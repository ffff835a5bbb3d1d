import { describe, expect, it } from 'vitest';
import { ServiceCreateSchema, ServiceUpdateSchema } from '@/lib/schemas/swarm-service';
import { fromServiceSpec, mergeSpec, type ServiceSpec, toServiceSpec } from './service-spec';

const full = ServiceCreateSchema.parse({
  name: 'web',
  image: 'berth-test/busybox:latest',
  command: 'httpd -f -p 80',
  entrypoint: '/bin/busybox',
  workingDir: '/srv',
  user: '1000:1000',
  hostname: 'web-{{.Task.Slot}}',
  env: [{ key: 'A', value: 'b=c' }],
  labels: [{ key: 'team', value: 'blue' }],
  replicas: '3',
  constraints: 'node.role==worker',
  preferences: 'spread=node.labels.zone',
  ports: [{ target: '80', published: '8080', mode: 'host' }],
  endpointMode: 'dnsrr',
  mounts: [
    { type: 'volume', source: 'data', target: '/data' },
    { type: 'bind', source: '/srv/www', target: '/www', readOnly: true },
    { type: 'tmpfs', target: '/tmp', tmpfsSize: '64m' },
  ],
  networks: [{ name: 'backend', aliases: 'api, www' }],
  update: { parallelism: '2', delay: '5s', failureAction: 'rollback', monitor: '10s', maxFailureRatio: '0.5', order: 'start-first' },
  rollback: { parallelism: '0', failureAction: 'continue' },
  restart: { condition: 'on-failure', delay: '2s', maxAttempts: '3', window: '1m' },
  resources: { cpuLimit: '0.5', memoryLimit: '128m', cpuReservation: '0.25', memoryReservation: '64m' },
  healthcheck: { command: 'wget -q --spider http://localhost/', interval: '5s', timeout: '2s', startPeriod: '1s', retries: '3' },
  capAdd: 'NET_ADMIN',
  capDrop: 'MKNOD',
  sysctls: [{ key: 'net.core.somaxconn', value: '1024' }],
  privileges: { noNewPrivileges: true },
  init: true,
  readOnly: true,
  stopGracePeriod: '20s',
});

describe('toServiceSpec', () => {
  it('leaves empty fields out so the Engine defaults apply', () => {
    const spec = toServiceSpec(ServiceCreateSchema.parse({ name: 'a', image: 'busybox' }));
    expect(spec).toEqual({
      Name: 'a',
      Labels: { 'io.berth.managed': 'true' },
      TaskTemplate: { ContainerSpec: { Image: 'busybox' }, RestartPolicy: { Condition: 'any' }, Placement: {} },
      Mode: { Replicated: { Replicas: 1 } },
      UpdateConfig: { Parallelism: 1, FailureAction: 'pause', Order: 'stop-first' },
      RollbackConfig: { Parallelism: 1, FailureAction: 'pause', Order: 'stop-first' },
      EndpointSpec: { Mode: 'vip' },
    });
    expect(toServiceSpec(ServiceCreateSchema.parse({ name: 'g', image: 'busybox', mode: 'global' })).Mode).toEqual({ Global: {} });
  });

  it('turns every field into the Engine shape', () => {
    const spec = toServiceSpec(full);
    expect(spec.TaskTemplate?.ContainerSpec).toEqual({
      Image: 'berth-test/busybox:latest',
      Command: ['/bin/busybox'],
      Args: ['httpd', '-f', '-p', '80'],
      Env: ['A=b=c'],
      Dir: '/srv',
      User: '1000:1000',
      Hostname: 'web-{{.Task.Slot}}',
      Mounts: [
        { Type: 'volume', Source: 'data', Target: '/data', ReadOnly: false },
        { Type: 'bind', Source: '/srv/www', Target: '/www', ReadOnly: true },
        { Type: 'tmpfs', Target: '/tmp', ReadOnly: false, TmpfsOptions: { SizeBytes: 64 * 1024 * 1024 } },
      ],
      HealthCheck: { Test: ['CMD', 'wget', '-q', '--spider', 'http://localhost/'], Interval: 5e9, Timeout: 2e9, StartPeriod: 1e9, Retries: 3 },
      CapabilityAdd: ['CAP_NET_ADMIN'],
      CapabilityDrop: ['CAP_MKNOD'],
      Sysctls: { 'net.core.somaxconn': '1024' },
      Privileges: { NoNewPrivileges: true },
      Init: true,
      ReadOnly: true,
      StopGracePeriod: 20e9,
    });
    expect(spec.TaskTemplate?.Resources).toEqual({
      Limits: { NanoCPUs: 5e8, MemoryBytes: 128 * 1024 ** 2 },
      Reservations: { NanoCPUs: 2.5e8, MemoryBytes: 64 * 1024 ** 2 },
    });
    expect(spec.TaskTemplate?.RestartPolicy).toEqual({ Condition: 'on-failure', Delay: 2e9, MaxAttempts: 3, Window: 60e9 });
    expect(spec.TaskTemplate?.Placement).toEqual({ Constraints: ['node.role==worker'], Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }] });
    expect(spec.TaskTemplate?.Networks).toEqual([{ Target: 'backend', Aliases: ['api', 'www'] }]);
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(spec.UpdateConfig).toEqual({ Parallelism: 2, Delay: 5e9, FailureAction: 'rollback', Monitor: 10e9, MaxFailureRatio: 0.5, Order: 'start-first' });
    expect(spec.RollbackConfig).toEqual({ Parallelism: 0, FailureAction: 'continue', Order: 'stop-first' });
    expect(spec.EndpointSpec).toEqual({ Mode: 'dnsrr', Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'host' }] });
    expect(spec.Labels).toEqual({ team: 'blue', 'io.berth.managed': 'true' });
  });
});

describe('fromServiceSpec', () => {
  it('reads back what toServiceSpec wrote (a round trip gives the same spec)', () => {
    const spec = toServiceSpec(full);
    const again = toServiceSpec(ServiceCreateSchema.parse(fromServiceSpec(spec)));
    expect(again).toEqual(spec);
  });

  it('reads a spec made elsewhere (CMD-SHELL healthcheck, no update config, top-level networks)', () => {
    const form = fromServiceSpec({
      Name: 'x',
      Labels: { 'com.docker.stack.namespace': 's' },
      TaskTemplate: { ContainerSpec: { Image: 'nginx@sha256:abc', HealthCheck: { Test: ['CMD-SHELL', 'curl -f localhost'] } } },
      Networks: [{ Target: 'n1' }],
      Mode: { Replicated: {} },
    });
    expect(form.labels).toEqual([]);
    expect(form.replicas).toBe('1');
    expect(form.networks).toEqual([{ name: 'n1', aliases: '' }]);
    expect(form.healthcheck).toMatchObject({ command: "sh -c 'curl -f localhost'" });
    expect(form.update).toMatchObject({ failureAction: 'pause', parallelism: '' });
  });

  it('reads the health check as the Engine spells it in its answers ("Healthcheck")', () => {
    const engineSpelling = { Image: 'x', Healthcheck: { Test: ['CMD', 'true'], Retries: 2 } } as ServiceSpec['TaskTemplate'] extends infer T
      ? T extends { ContainerSpec?: infer C }
        ? C
        : never
      : never;
    const form = fromServiceSpec({ Name: 'x', TaskTemplate: { ContainerSpec: engineSpelling }, Mode: { Replicated: {} } });
    expect(form.healthcheck).toMatchObject({ command: 'true', retries: '2' });
  });

  it('an update replaces the health check read back from the Engine instead of sending both spellings', () => {
    const current = {
      Name: 'x',
      TaskTemplate: { ContainerSpec: { Image: 'x', Healthcheck: { Test: ['CMD', 'true'] } } },
      Mode: { Replicated: {} },
    } as ServiceSpec;
    const { name: _name, ...value } = fromServiceSpec(current);
    const merged = mergeSpec(current, 'x', ServiceUpdateSchema.parse({ ...value, healthcheck: { command: 'false' } }));
    const c = merged.TaskTemplate!.ContainerSpec! as Record<string, unknown>;
    expect(c.Healthcheck).toBeUndefined();
    expect(c.HealthCheck).toMatchObject({ Test: ['CMD', 'false'] });
  });
});

describe('mergeSpec', () => {
  it("replaces the form's parts and keeps what the form does not show", () => {
    const current: ServiceSpec = {
      ...toServiceSpec(full),
      Labels: { team: 'blue', 'com.docker.stack.namespace': 'shop' },
      Networks: [{ Target: 'old' }],
      TaskTemplate: {
        ...toServiceSpec(full).TaskTemplate,
        LogDriver: { Name: 'json-file' },
        ContainerSpec: {
          ...toServiceSpec(full).TaskTemplate!.ContainerSpec,
          Secrets: [{ SecretName: 's' }],
          Privileges: { NoNewPrivileges: true, CredentialSpec: { File: 'x' } },
        },
        Placement: { Constraints: ['node.role==worker'], Platforms: [{ OS: 'linux' }] },
        Resources: { Limits: { NanoCPUs: 1, Pids: 10 } },
      },
    };
    const form = ServiceUpdateSchema.parse({ image: 'berth-test/busybox:latest', command: 'sleep 1d', update: { failureAction: 'rollback' } });
    const next = mergeSpec(current, 'web', form);
    expect(next.Name).toBe('web');
    expect(next.Networks).toBeUndefined();
    expect(next.Labels).toEqual({ 'com.docker.stack.namespace': 'shop', 'io.berth.managed': 'true' });
    expect(next.TaskTemplate?.LogDriver).toEqual({ Name: 'json-file' });
    expect(next.TaskTemplate?.ContainerSpec).toEqual({
      Image: 'berth-test/busybox:latest',
      Args: ['sleep', '1d'],
      Secrets: [{ SecretName: 's' }],
      Privileges: { CredentialSpec: { File: 'x' } },
    });
    expect(next.TaskTemplate?.Placement).toEqual({ Platforms: [{ OS: 'linux' }] });
    expect(next.TaskTemplate?.Resources).toEqual({ Limits: { Pids: 10 } });
    expect(next.TaskTemplate?.Networks).toBeUndefined();
    expect(next.UpdateConfig?.FailureAction).toBe('rollback');
    expect(next.EndpointSpec).toEqual({ Mode: 'vip' });
  });
});
