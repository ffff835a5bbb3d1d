import { describe, expect, it } from 'vitest';
import { containerViolations, DEFAULT_POLICY } from '../auth/container-policy';
import { containerOptions, volumeOptions } from './create-options';
import { loadCompose } from './load';

const load = (compose: string) => {
  const r = loadCompose({ compose, env: '' });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
};
const hostConfig = (service: string, compose: string) => {
  const m = load(compose);
  return containerOptions('p', m, m.services[service], 1).create;
};

describe('compose host keys → HostConfig, as docker-compose maps them', () => {
  it('maps privileges, namespaces, devices and kernel knobs', () => {
    const o = hostConfig(
      'web',
      `services:
  web:
    image: x
    privileged: true
    pid: host
    ipc: shareable
    userns_mode: host
    uts: host
    devices: ["/dev/fuse:/dev/fuse:rwm", "/dev/null", "/dev/zero:/dev/z"]
    security_opt: [no-new-privileges:true, "seccomp=unconfined"]
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    read_only: true
    tmpfs: [/run, "/tmp:size=64m,mode=1777"]
    dns: 1.1.1.1
    sysctls: { net.core.somaxconn: 1024 }
    ulimits: { nproc: 65535, nofile: { soft: 20000, hard: 40000 } }
    init: true
    shm_size: 64m
    stop_signal: SIGINT
    stop_grace_period: 1m30s
`,
    );
    expect(o.HostConfig).toMatchObject({
      Privileged: true,
      PidMode: 'host',
      IpcMode: 'shareable',
      UsernsMode: 'host',
      UTSMode: 'host',
      Devices: [
        { PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' },
        { PathOnHost: '/dev/null', PathInContainer: '/dev/null', CgroupPermissions: 'rwm' },
        { PathOnHost: '/dev/zero', PathInContainer: '/dev/z', CgroupPermissions: 'rwm' },
      ],
      SecurityOpt: ['no-new-privileges:true', 'seccomp=unconfined'],
      CapAdd: ['NET_ADMIN'],
      CapDrop: ['ALL'],
      ReadonlyRootfs: true,
      Tmpfs: { '/run': '', '/tmp': 'size=64m,mode=1777' },
      Dns: ['1.1.1.1'],
      Sysctls: { 'net.core.somaxconn': '1024' },
      Ulimits: [
        { Name: 'nproc', Soft: 65535, Hard: 65535 },
        { Name: 'nofile', Soft: 20000, Hard: 40000 },
      ],
      Init: true,
      ShmSize: 64 * 1024 * 1024,
    });
    expect(o.StopSignal).toBe('SIGINT');
    expect(o.StopTimeout).toBe(90);
  });

  it('the policy sees every one of them in the create options', () => {
    const o = hostConfig(
      'web',
      'services:\n  web:\n    image: x\n    privileged: true\n    network_mode: host\n    pid: host\n    devices: [/dev/fuse]\n    security_opt: [apparmor=unconfined]\n',
    );
    const v = containerViolations(o, DEFAULT_POLICY).join('\n');
    for (const word of ['privileged', 'network_mode: host', 'pid: host', 'devices: /dev/fuse', 'apparmor=unconfined']) expect(v).toContain(word);
  });

  it('network_mode replaces the project network; service: joins the first replica of that service and starts after it', () => {
    const m = load(
      'services:\n  vpn:\n    image: x\n  app:\n    image: x\n    network_mode: service:vpn\n    ipc: service:vpn\n  off:\n    image: x\n    network_mode: none\n',
    );
    const app = containerOptions('p', m, m.services.app, 1).create;
    expect(app.HostConfig?.NetworkMode).toBe('container:p-vpn-1');
    expect(app.HostConfig?.IpcMode).toBe('container:p-vpn-1');
    expect(app.NetworkingConfig).toBeUndefined();
    expect(m.services.app.dependsOn).toEqual({ vpn: 'service_started' });
    expect(m.services.app.networks).toEqual({});
    expect(containerOptions('p', m, m.services.off, 1).create.HostConfig?.NetworkMode).toBe('none');
    expect(containerOptions('p', m, m.services.vpn, 1).create.HostConfig?.NetworkMode).toBe('p_default');
  });

  it('a service without these keys keeps its config hash (no recreate after upgrading Berth)', () => {
    const m = load('services:\n  web:\n    image: x\n');
    expect(m.services.web.host).toBeUndefined();
    expect('host' in m.services.web).toBe(false);
  });

  it('bad values are named with their position', () => {
    const r = loadCompose({
      compose:
        'services:\n  web:\n    image: x\n    network_mode: service:nope\n    devices: ["dev/fuse"]\n    shm_size: lots\n    networks: [a]\nnetworks:\n  a: {}\n',
      env: '',
    });
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.issues.map((i) => `${i.line}: ${i.message}`).join('\n');
    expect(text).toMatch(/depends on "nope", which is not a service/);
    expect(text).toMatch(/5: device "dev\/fuse" is not/);
    expect(text).toMatch(/6: shm_size "lots" is not a size/);
    expect(text).toMatch(/sets both network_mode and networks/);
  });

  it('top-level volume driver and driver_opts reach the volume create options', () => {
    const m = load(
      'services:\n  web:\n    image: x\n    volumes: [data:/d]\nvolumes:\n  data:\n    driver: local\n    driver_opts: { o: bind, device: /srv, type: none }\n',
    );
    expect(volumeOptions('p', m, 'data')).toMatchObject({ Name: 'p_data', Driver: 'local', DriverOpts: { o: 'bind', device: '/srv', type: 'none' } });
  });
});
