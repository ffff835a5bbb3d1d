import { describe, expect, it } from 'vitest';
import { ServiceCreateSchema } from '@/lib/schemas/swarm-service';
import { type ContainerPolicy, containerViolations, DEFAULT_POLICY } from '../auth/container-policy';
import type { Judge } from '../auth/policy-effective';
import { serviceViolations, taskCreateOptions } from './service-policy';
import { type ServiceSpec, toServiceSpec } from './service-spec';

const judge = (policy: ContainerPolicy = DEFAULT_POLICY, containers: Record<string, object> = {}): Judge => ({
  policy,
  lookup: {
    container: async (ref) => (containers[ref] as never) ?? null,
    volume: async () => null,
  },
});
const spec = (extra: object) => toServiceSpec(ServiceCreateSchema.parse({ name: 'svc', image: 'berth-test/busybox:latest', ...extra }));
const judged = (s: ServiceSpec, policy?: ContainerPolicy) => serviceViolations(s, judge(policy));

describe('the container policy on a service spec', () => {
  it('lets a plain service through, host-mode ports, volumes and tmpfs included', async () => {
    const s = spec({
      ports: [{ target: '80', published: '8080', mode: 'host' }],
      mounts: [
        { type: 'volume', source: 'data', target: '/data' },
        { type: 'tmpfs', target: '/t' },
      ],
      capAdd: 'NET_BIND_SERVICE',
      capDrop: 'ALL',
      sysctls: [{ key: 'net.core.somaxconn', value: '1024' }],
      privileges: { noNewPrivileges: true },
      networks: [{ name: 'backend' }],
      resources: { memoryLimit: '64m' },
    });
    expect(await judged(s)).toEqual([]);
  });

  it('judges host-mode ports exactly as a container publishing the same port', () => {
    const s = spec({ ports: [{ target: '80', published: '80', mode: 'host' }] });
    const opts = taskCreateOptions(s);
    expect(opts.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostPort: '80' }] });
    expect(containerViolations(opts, DEFAULT_POLICY)).toEqual(
      containerViolations({ Image: 'x', HostConfig: { PortBindings: { '80/tcp': [{ HostPort: '80' }] } } }, DEFAULT_POLICY),
    );
  });

  it('refuses binds outside the allowed paths and the Docker socket always', async () => {
    expect(await judged(spec({ mounts: [{ type: 'bind', source: '/var/run/docker.sock', target: '/s' }] }))).toEqual([
      "bind mount of /var/run/docker.sock exposes the container runtime's socket (root on the host)",
    ]);
    const policy = { ...DEFAULT_POLICY, allowedBindPaths: ['/srv'] };
    expect(await judged(spec({ mounts: [{ type: 'bind', source: '/srv/www', target: '/w' }] }), policy)).toEqual([]);
    expect(await judged(spec({ mounts: [{ type: 'bind', source: '/etc', target: '/e' }] }), policy)).toEqual([
      'bind mount of host path /etc is outside the allowed host paths (/srv)',
    ]);
    expect(await judged(spec({ mounts: [{ type: 'bind', source: '/srv/docker.sock', target: '/s' }] }), policy)).toHaveLength(1);
  });

  it('refuses capabilities beyond the policy, and privileges that turn protections off', async () => {
    expect((await judged(spec({ capAdd: 'SYS_ADMIN, NET_ADMIN' })))[0]).toMatch(/^cap_add: SYS_ADMIN, NET_ADMIN \(allowed: CHOWN/);
    expect(
      await judged(spec({ capAdd: 'NET_ADMIN' }), { ...DEFAULT_POLICY, allowedCapabilities: [...DEFAULT_POLICY.allowedCapabilities, 'NET_ADMIN'] }),
    ).toEqual([]);
    expect(await judged(spec({ privileges: { seccomp: 'unconfined', appArmor: 'disabled' } }))).toEqual([
      'security_opt: seccomp=unconfined turns off a kernel protection',
      'security_opt: apparmor=unconfined turns off a kernel protection',
    ]);
  });

  it('refuses the host network and container: joins, and settings only a spec made elsewhere carries', async () => {
    expect(await judged(spec({ networks: [{ name: 'host' }] }))).toEqual(["networks: host shares the host's network namespace"]);
    expect(await judged(spec({ networks: [{ name: 'container:db' }] }))).toEqual([
      'networks: container:db names container db, which does not exist on this host, so Berth cannot check what it would share',
    ]);
    const s = spec({});
    const raw: ServiceSpec = {
      ...s,
      TaskTemplate: {
        ...s.TaskTemplate,
        Runtime: 'plugin',
        PluginSpec: { Name: 'x' },
        ContainerSpec: {
          ...s.TaskTemplate!.ContainerSpec,
          Secrets: [{ SecretName: 'db' }],
          Privileges: { SELinuxContext: { Disable: true }, Seccomp: { Mode: 'custom', Profile: '{}' } },
          OomScoreAdj: -500,
          Mounts: [{ Type: 'npipe', Source: 'x', Target: 'y' }],
          Devices: ['/dev/sda'],
        },
        Resources: { Reservations: { GenericResources: [{ DiscreteResourceSpec: { Kind: 'gpu', Value: 1 } }] } },
      },
    };
    const v = await judged(raw);
    expect(v).toEqual(
      expect.arrayContaining([
        expect.stringContaining('TaskTemplate.Runtime: plugin'),
        expect.stringContaining('TaskTemplate.PluginSpec is a service setting'),
        expect.stringContaining('secrets: a swarm secret is readable'),
        "ContainerSpec.Devices is a service setting Berth's policy has not reviewed; only an admin may set it",
        'generic resources (devices such as GPUs) are not allowed',
        'mount type npipe (only volume, bind and tmpfs mounts are allowed)',
        'security_opt: label=disable turns off a kernel protection',
        "security_opt: seccomp=custom profile replaces Docker's default seccomp profile (only the default is allowed)",
        expect.stringContaining('oom_score_adj: -500'),
      ]),
    );
  });
});
