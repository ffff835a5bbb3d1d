import { describe, expect, it } from 'vitest';
import { boundDevice, containerReferences, containerViolations, DEFAULT_POLICY, securityOptProblem, volumeViolations } from './container-policy';

const policy = { ...DEFAULT_POLICY, allowedBindPaths: ['/srv/data'] };

describe('container policy for non-admins', () => {
  it('allows a plain container with named volumes and allowed binds', () => {
    expect(
      containerViolations(
        { Image: 'x', HostConfig: { Binds: ['data:/data', '/srv/data/app:/app:ro'], CapAdd: ['NET_BIND_SERVICE'], NetworkMode: 'bridge' } },
        policy,
      ),
    ).toEqual([]);
  });

  it('lists every offending setting at once', () => {
    const v = containerViolations(
      {
        Image: 'x',
        HostConfig: {
          Privileged: true,
          NetworkMode: 'host',
          PidMode: 'host',
          IpcMode: 'host',
          UTSMode: 'host',
          UsernsMode: 'host',
          Devices: [{ PathOnHost: '/dev/sda', PathInContainer: '/dev/sda', CgroupPermissions: 'rwm' }],
          CapAdd: ['SYS_ADMIN', 'cap_net_admin'],
          SecurityOpt: ['seccomp=unconfined', 'apparmor:unconfined', 'no-new-privileges'],
          Binds: ['/:/host', '/var/run/docker.sock:/var/run/docker.sock'],
          Mounts: [{ Type: 'bind', Source: '/etc', Target: '/etc2' }],
        },
      },
      policy,
    );
    const text = v.join('\n');
    for (const word of [
      'privileged',
      'network_mode: host',
      'pid: host',
      'ipc: host',
      'uts: host',
      'userns_mode: host',
      '/dev/sda',
      'SYS_ADMIN, NET_ADMIN',
      'seccomp=unconfined',
      'apparmor:unconfined',
      'host path / ',
      'docker.sock',
      'host path /etc ',
    ]) {
      expect(text).toContain(word);
    }
    expect(text).not.toContain('no-new-privileges');
    expect(v).toHaveLength(13);
  });

  it('refuses cgroup, runtime and OOM settings that reach past the container (carried over by recreate from a container made elsewhere)', () => {
    const hc = { CgroupnsMode: 'host', CgroupParent: '/system.slice', Runtime: 'nvidia', OomScoreAdj: -900, OomKillDisable: true };
    const text = containerViolations({ Image: 'x', HostConfig: hc as object }, policy).join('\n');
    for (const word of ['cgroupns: host', 'cgroup_parent: /system.slice', 'runtime: nvidia', 'oom_score_adj: -900', 'oom_kill_disable'])
      expect(text).toContain(word);
    const harmless = { CgroupnsMode: 'private', Runtime: 'runc', OomScoreAdj: 200, OomKillDisable: false };
    expect(containerViolations({ Image: 'x', HostConfig: harmless as object }, policy)).toEqual([]);
  });

  it('sees through path tricks: .. cannot climb out of an allowed folder', () => {
    expect(containerViolations({ Image: 'x', HostConfig: { Binds: ['/srv/data/../../etc:/x'] } }, policy)).toHaveLength(1);
    expect(containerViolations({ Image: 'x', HostConfig: { Binds: ['/srv/database:/x'] } }, policy)).toHaveLength(1);
  });

  it('treats a local volume with bind driver options as a bind mount', () => {
    expect(boundDevice('local', { o: 'bind', device: '/', type: 'none' })).toBe('/');
    expect(boundDevice('local', { type: 'nfs', o: 'addr=1.2.3.4', device: ':/export' })).toBeNull();
    expect(volumeViolations({ Name: 'root', DriverOpts: { o: 'bind', device: '/' } }, policy)[0]).toMatch(
      /volume root driver_opts device of host path \/ is outside/,
    );
    expect(volumeViolations({ Name: 'ok', DriverOpts: { o: 'bind', device: '/srv/data/x' } }, policy)).toEqual([]);
  });

  it("allows only Docker's default seccomp and AppArmor profiles", () => {
    for (const ok of ['no-new-privileges', 'no-new-privileges:true', 'no-new-privileges=false', 'label=level:s0:c100,c200'])
      expect(securityOptProblem(ok), ok).toBeNull();
    const allow = `seccomp=${JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [] })}`;
    expect(securityOptProblem(allow)).toMatch(/replaces Docker's default seccomp profile/);
    expect(securityOptProblem(allow)!.length).toBeLessThan(160);
    expect(securityOptProblem('seccomp=/etc/docker/open.json')).toMatch(/seccomp/);
    expect(securityOptProblem('apparmor=my-loose-profile')).toMatch(/default AppArmor profile/);
    expect(securityOptProblem('apparmor:unconfined')).toMatch(/turns off a kernel protection/);
    expect(securityOptProblem('label=type:spc_t')).toMatch(/not allowed/);
    expect(securityOptProblem('writable-cgroups=true')).toMatch(/not allowed/);
  });

  it('refuses volumes that mount a disk, a network filesystem or a plugin unless the settings allow them', () => {
    expect(volumeViolations({ Name: 'disk', DriverOpts: { device: '/dev/vda1', type: 'ext4' } }, policy).join(' | ')).toMatch(
      /type: ext4 mounts a filesystem.* \| volume disk driver_opts device of host path \/dev\/vda1/,
    );
    expect(volumeViolations({ Name: 'share', DriverOpts: { type: 'nfs', o: 'addr=10.0.0.2', device: ':/export' } }, policy)[0]).toMatch(
      /BERTH_POLICY_VOLUME_TYPES: none are configured/,
    );
    expect(
      volumeViolations({ Name: 'share', DriverOpts: { type: 'nfs', o: 'addr=10.0.0.2', device: ':/export' } }, { ...policy, allowedVolumeTypes: ['nfs'] }),
    ).toEqual([]);
    expect(volumeViolations({ Name: 'mem', DriverOpts: { type: 'tmpfs', device: 'tmpfs' } }, policy)).toHaveLength(1);
    expect(volumeViolations({ Name: 'odd', DriverOpts: { device: 'somewhere' } }, policy)[0]).toMatch(/without a type/);
    expect(volumeViolations({ Name: 'plug', Driver: 'rexray' }, policy)[0]).toMatch(
      /volume plug driver: rexray is a volume plugin.*BERTH_POLICY_VOLUME_DRIVERS/,
    );
    expect(volumeViolations({ Name: 'plug', Driver: 'rexray' }, { ...policy, allowedVolumeDrivers: ['rexray'] })).toEqual([]);
    expect(volumeViolations({ Name: 'plain' }, policy)).toEqual([]);
    expect(volumeViolations({ Name: 'plain', Driver: 'local', DriverOpts: {} }, policy)).toEqual([]);
  });

  it('lists every setting that names another container, however it is written', () => {
    const refs = containerReferences({
      Image: 'x',
      HostConfig: {
        NetworkMode: 'container:a',
        PidMode: 'container:b',
        IpcMode: 'container:c',
        UTSMode: 'container:d',
        VolumesFrom: ['e:ro', 'f'],
        Cgroup: 'container:g',
      } as object,
      NetworkingConfig: { EndpointsConfig: { 'container:h': {} } },
    });
    expect(refs.map((r) => `${r.kind} ${r.ref}`)).toEqual(['join a', 'join b', 'join c', 'join d', 'join g', 'join h', 'volumes e', 'volumes f']);
  });
});
