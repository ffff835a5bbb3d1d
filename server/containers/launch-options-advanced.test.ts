import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { LaunchSchema } from '@/lib/schemas/launch';
import { AdvancedSchema } from '@/lib/schemas/launch-advanced';
import { diffLaunch, keptSettings } from '@/lib/schemas/launch-diff';
import { containerViolations, DEFAULT_POLICY } from '../auth/container-policy';
import { launchFromInspect } from './from-inspect';
import { toCreateOptions } from './launch-options';

const ID = '0123456789ab'.padEnd(64, 'c');
const daemon = { cgroupVersion: '1', loggingDriver: 'json-file', defaultRuntime: 'runc' };
const image = { Env: ['PATH=/bin'], Cmd: ['sh'], StopSignal: undefined, ExposedPorts: { '80/tcp': {} } };

/** What Engine 20.10's inspect says about a container made with the docker CLI and many flags beyond the form's basics. */
function cliContainer(): Docker.ContainerInspectInfo {
  return {
    Id: ID,
    Name: '/made-by-cli',
    Image: 'sha256:img',
    Config: {
      Hostname: ID.slice(0, 12),
      Domainname: 'example.org',
      User: '',
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: ['PATH=/bin', 'MODE=prod'],
      Cmd: ['sh'],
      Image: 'busybox:1',
      WorkingDir: '',
      Entrypoint: null,
      Labels: {},
      MacAddress: '02:42:ac:11:00:99',
      StopSignal: 'SIGINT',
      StopTimeout: 42,
      Healthcheck: { Test: ['NONE'] },
      ExposedPorts: { '80/tcp': {}, '9000/tcp': {}, '8080/tcp': {} },
    },
    HostConfig: {
      Binds: null,
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
      NetworkMode: 'shop-net',
      PortBindings: { '8080/tcp': [{ HostIp: '', HostPort: '18080' }] },
      RestartPolicy: { Name: 'always', MaximumRetryCount: 0 },
      AutoRemove: false,
      VolumeDriver: '',
      VolumesFrom: ['other'],
      CapAdd: null,
      CapDrop: ['NET_RAW'],
      CgroupnsMode: 'host',
      Dns: ['1.1.1.1', '9.9.9.9'],
      DnsOptions: ['ndots:2'],
      DnsSearch: ['corp.example'],
      ExtraHosts: ['db:10.0.0.5', 'gw:host-gateway'],
      GroupAdd: ['audio'],
      IpcMode: 'shareable',
      Cgroup: '',
      Links: ['/redis:/made-by-cli/cache'],
      OomScoreAdj: 100,
      PidMode: '',
      Privileged: false,
      PublishAllPorts: false,
      ReadonlyRootfs: true,
      SecurityOpt: ['no-new-privileges:true'],
      UTSMode: '',
      UsernsMode: '',
      ShmSize: 128 * 1024 * 1024,
      Runtime: 'runc',
      Isolation: '',
      CpuShares: 512,
      Memory: 256 * 1024 * 1024,
      NanoCpus: 0,
      CgroupParent: '',
      BlkioWeight: 0,
      CpusetCpus: '0',
      MemoryReservation: 64 * 1024 * 1024,
      MemorySwap: 1024 * 1024 * 1024,
      MemorySwappiness: null,
      OomKillDisable: true,
      PidsLimit: 100,
      Init: true,
      Sysctls: { 'net.ipv4.ip_forward': '1' },
      Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
      DeviceCgroupRules: null,
      DeviceRequests: null,
      Ulimits: [
        { Name: 'nofile', Soft: 1024, Hard: 2048 },
        { Name: 'nproc', Soft: 512, Hard: 512 },
      ],
      Tmpfs: { '/run': 'size=64m', '/tmp': '' },
      Mounts: [{ Type: 'tmpfs', Target: '/scratch', TmpfsOptions: { SizeBytes: 1048576, Mode: 0o1777 } }],
      MaskedPaths: ['/proc/kcore'],
      ReadonlyPaths: ['/proc/sys'],
      ConsoleSize: [0, 0],
    },
    Mounts: [{ Type: 'tmpfs', Source: '', Destination: '/scratch', RW: true }],
    NetworkSettings: {
      Networks: {
        'shop-net': { Aliases: [ID.slice(0, 12), 'web'], IPAMConfig: { IPv4Address: '172.30.0.9' }, Links: null },
        back: { Aliases: null, IPAMConfig: { IPv6Address: 'fd00::9' }, Links: ['api:backend'] },
      },
    },
    State: { Running: true },
  } as unknown as Docker.ContainerInspectInfo;
}

describe('inspect → launch input → create options keeps what the form does not show', () => {
  const back = launchFromInspect(cliContainer(), image, 'recreate', daemon);

  it('reads the common settings into the form and the rest into the allowlisted passthrough', () => {
    expect(back).toMatchObject({
      dns: ['1.1.1.1', '9.9.9.9'],
      dnsSearch: ['corp.example'],
      dnsOptions: ['ndots:2'],
      extraHosts: ['db:10.0.0.5', 'gw:host-gateway'],
      tmpfs: ['/run:size=64m', '/scratch:size=1m,mode=1777', '/tmp'],
      logDriver: 'json-file',
      logOptions: ['max-file=3', 'max-size=10m'],
      ulimits: ['nofile=1024:2048', 'nproc=512'],
      init: true,
      readOnly: true,
      capDrop: ['NET_RAW'],
    });
    expect(back.advanced).toEqual({
      config: {
        Domainname: 'example.org',
        MacAddress: '02:42:ac:11:00:99',
        StopSignal: 'SIGINT',
        StopTimeout: 42,
        Healthcheck: { Test: ['NONE'] },
        ExposedPorts: ['9000/tcp'],
      },
      hostConfig: {
        GroupAdd: ['audio'],
        IpcMode: 'shareable',
        Links: ['redis:cache'],
        OomScoreAdj: 100,
        SecurityOpt: ['no-new-privileges:true'],
        ShmSize: 128 * 1024 * 1024,
        CpuShares: 512,
        CpusetCpus: '0',
        MemoryReservation: 64 * 1024 * 1024,
        MemorySwap: 1024 * 1024 * 1024,
        OomKillDisable: true,
        PidsLimit: 100,
        Sysctls: { 'net.ipv4.ip_forward': '1' },
        Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }],
      },
      endpoints: { 'shop-net': { IPv4Address: '172.30.0.9' }, back: { IPv6Address: 'fd00::9', Links: ['api:backend'] } },
    });
    // What goes through the API validates and comes out the same.
    expect(LaunchSchema.parse(JSON.parse(JSON.stringify(back)))).toEqual(back);
  });

  it('the create options carry every setting of the original, with the form fields as the form has them', () => {
    const { create, extraNetworks } = toCreateOptions(back, 'made-by-cli');
    const old = cliContainer();
    const hc = create.HostConfig!;
    for (const k of [
      'Dns',
      'DnsSearch',
      'DnsOptions',
      'ExtraHosts',
      'ReadonlyRootfs',
      'Init',
      'CapDrop',
      'GroupAdd',
      'IpcMode',
      'OomScoreAdj',
      'SecurityOpt',
      'ShmSize',
      'CpuShares',
      'CpusetCpus',
      'MemoryReservation',
      'MemorySwap',
      'OomKillDisable',
      'PidsLimit',
      'Sysctls',
      'Devices',
      'Ulimits',
      'Memory',
    ] as const) {
      expect(hc[k], k).toEqual(old.HostConfig[k as keyof typeof old.HostConfig]);
    }
    expect(hc.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } });
    expect(hc.Tmpfs).toEqual({ '/run': 'size=64m', '/tmp': '', '/scratch': 'size=1m,mode=1777' });
    expect(hc.Links).toEqual(['redis:cache']);
    expect(hc).not.toHaveProperty('VolumesFrom');
    expect(hc).not.toHaveProperty('MaskedPaths');
    expect(create).toMatchObject({
      Domainname: 'example.org',
      MacAddress: '02:42:ac:11:00:99',
      StopSignal: 'SIGINT',
      StopTimeout: 42,
      Healthcheck: { Test: ['NONE'] },
    });
    expect(Object.keys(create.ExposedPorts!).sort()).toEqual(['8080/tcp', '9000/tcp']);
    expect(create.NetworkingConfig).toEqual({ EndpointsConfig: { 'shop-net': { Aliases: ['web'], IPAMConfig: { IPv4Address: '172.30.0.9' } } } });
    expect(extraNetworks).toEqual([{ name: 'back', aliases: [], endpoint: { IPAMConfig: { IPv6Address: 'fd00::9' }, Links: ['api:backend'] } }]);
  });

  it('the form wins: a field cleared in the form is gone, and swap goes with the memory limit', () => {
    const { create } = toCreateOptions({ ...back, dns: [], readOnly: false, logDriver: '', logOptions: [], memory: '' });
    expect(create.HostConfig).not.toHaveProperty('Dns');
    expect(create.HostConfig).not.toHaveProperty('ReadonlyRootfs');
    expect(create.HostConfig).not.toHaveProperty('LogConfig');
    expect(create.HostConfig).not.toHaveProperty('MemorySwap');
    expect(create.HostConfig?.DnsSearch).toEqual(['corp.example']);
  });

  it('the access policy sees what is carried: a kept device mapping and OOM-kill opt-out are refused for non-admins', () => {
    expect(containerViolations(toCreateOptions(back).create, DEFAULT_POLICY)).toEqual([
      'devices: /dev/fuse (host devices are not allowed)',
      "oom_kill_disable: true lets the container exhaust the host's memory",
    ]);
  });

  it('duplicate keeps it all except the MAC address and static addresses', () => {
    const dup = launchFromInspect(cliContainer(), image, 'duplicate', daemon);
    expect(dup.name).toBe('');
    expect(dup.hostname).toBe('');
    expect(dup.advanced?.config).not.toHaveProperty('MacAddress');
    expect(dup.advanced?.config.StopSignal).toBe('SIGINT');
    expect(dup.advanced?.endpoints).toEqual({ back: { Links: ['api:backend'] } });
    expect(dup.advanced?.hostConfig).toEqual(back.advanced?.hostConfig);
    expect(dup.dns).toEqual(back.dns);
  });

  it('leaves out what the daemon filled in by itself', () => {
    const c = cliContainer();
    Object.assign(c.HostConfig, { LogConfig: { Type: 'json-file', Config: {} }, ShmSize: 64 * 1024 * 1024, IpcMode: 'private', MemorySwap: 512 * 1024 * 1024 });
    const l = launchFromInspect(c, image, 'recreate', daemon);
    expect(l.logDriver).toBe('');
    expect(l.advanced?.hostConfig).not.toHaveProperty('ShmSize');
    expect(l.advanced?.hostConfig).not.toHaveProperty('IpcMode');
    expect(l.advanced?.hostConfig).not.toHaveProperty('MemorySwap');
    expect(l.advanced?.hostConfig).not.toHaveProperty('CgroupnsMode');
    expect(l.advanced?.hostConfig).not.toHaveProperty('Runtime');
    // On a cgroup v2 host, "host" is a choice the container made.
    expect(launchFromInspect(c, image, 'recreate', { ...daemon, cgroupVersion: '2' }).advanced?.hostConfig.CgroupnsMode).toBe('host');
  });

  it('the recreate review lists what is kept, and what changes', () => {
    const edited = LaunchSchema.parse({ ...back, env: [{ key: 'MODE', value: 'staging' }] });
    expect(diffLaunch(back, edited).map((c) => c.field)).toEqual(['env']);
    const kept = keptSettings(back, edited);
    expect(kept).toEqual(
      expect.arrayContaining([
        'tmpfs /run:size=64m, /scratch:size=1m,mode=1777, /tmp',
        'dns 1.1.1.1, 9.9.9.9',
        'extra hosts db:10.0.0.5, gw:host-gateway',
        'ulimits nofile=1024:2048, nproc=512',
        'init',
        'read-only root filesystem',
        'log driver json-file (max-file=3, max-size=10m)',
        'devices /dev/fuse:/dev/fuse:rwm',
        'stop signal SIGINT',
        'sysctls net.ipv4.ip_forward=1',
        'static address on shop-net 172.30.0.9',
      ]),
    );
    const noDns = LaunchSchema.parse({ ...back, dns: [] });
    expect(keptSettings(back, noDns).filter((k) => k.startsWith('dns'))).toEqual(['dns search corp.example', 'dns options ndots:2']);
    expect(diffLaunch(back, noDns)).toEqual([{ field: 'dns', label: 'DNS servers', before: ['1.1.1.1', '9.9.9.9'], after: [] }]);
  });
});

describe('the advanced passthrough schema', () => {
  it('accepts only allowlisted Engine keys', () => {
    expect(AdvancedSchema.safeParse({ hostConfig: { Binds: ['/:/host'] } }).success).toBe(false);
    expect(AdvancedSchema.safeParse({ hostConfig: { VolumesFrom: ['x'] } }).success).toBe(false);
    expect(AdvancedSchema.safeParse({ config: { Entrypoint: ['sh'] } }).success).toBe(false);
    expect(AdvancedSchema.safeParse({ extra: {} }).success).toBe(false);
    expect(AdvancedSchema.safeParse({ endpoints: { n: { IPv4Address: 'x' } } }).success).toBe(false);
    expect(AdvancedSchema.parse({ hostConfig: { PidsLimit: 10 } })).toEqual({ config: {}, hostConfig: { PidsLimit: 10 }, endpoints: {} });
  });
  it('form fields refuse what the Engine would refuse, at the field', () => {
    const issues = (input: object) =>
      LaunchSchema.safeParse({ image: 'busybox', ...input }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues({ dns: 'one.one' })).toEqual(['dns: DNS server "one.one" must be an IP address like 1.1.1.1']);
    expect(issues({ tmpfs: 'run' })).toEqual(['tmpfs: Tmpfs "run" must be an absolute path with optional options, like /run:size=64m,mode=1777']);
    expect(issues({ ulimits: 'nofile' })).toEqual(['ulimits: Ulimit "nofile" must look like nofile=1024:2048 (name=soft[:hard])']);
    expect(issues({ extraHosts: 'db' })).toEqual(['extraHosts: Extra host "db" must look like name:10.0.0.5 (or name:host-gateway)']);
    expect(issues({ logOptions: 'max-size=1m' })).toEqual(['logDriver: Log options need a log driver, e.g. json-file']);
    expect(issues({ tmpfs: '/data', volumes: [{ type: 'anonymous', target: '/data' }] })).toEqual(['tmpfs: /data is both a volume and a tmpfs: keep one']);
    expect(LaunchSchema.parse({ image: 'busybox', tmpfs: '/run:size=64m /tmp', logDriver: 'local', logOptions: "max-size=10m 'tag=a b'" })).toMatchObject({
      tmpfs: ['/run:size=64m', '/tmp'],
      logOptions: ['max-size=10m', 'tag=a b'],
    });
  });
});
