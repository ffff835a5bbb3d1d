import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { LaunchSchema } from '@/lib/schemas/launch';
import { AdvancedConfigSchema, AdvancedHostConfigSchema } from '@/lib/schemas/launch-advanced';
import { containerOptions } from '../compose/create-options';
import { load } from '../compose/load-for-tests';
import { toCreateOptions } from '../containers/launch-options';
import { containerReferences, containerViolations, DEFAULT_POLICY } from './container-policy';
import { HARMLESS_CONFIG, HARMLESS_HOST_CONFIG, JUDGED_CONFIG, JUDGED_HOST_CONFIG, unreviewedFields } from './policy-fields';

/**
 * The reviewed lists are the policy's memory: every field Berth can send must be on one of them. These tests walk
 * the fields each path produces (the advanced passthrough, the launch form, compose) and the Engine's own HostConfig,
 * so a field added later fails here until someone decides whether the policy must judge it.
 */
const hostReviewed = new Set<string>([...JUDGED_HOST_CONFIG, ...Object.keys(HARMLESS_HOST_CONFIG)]);
const configReviewed = new Set<string>([...JUDGED_CONFIG, ...Object.keys(HARMLESS_CONFIG)]);

/** HostConfig as documented by the Engine API (v1.45), every field. */
const ENGINE_HOST_CONFIG = [
  'CpuShares',
  'Memory',
  'CgroupParent',
  'BlkioWeight',
  'BlkioWeightDevice',
  'BlkioDeviceReadBps',
  'BlkioDeviceWriteBps',
  'BlkioDeviceReadIOps',
  'BlkioDeviceWriteIOps',
  'CpuPeriod',
  'CpuQuota',
  'CpuRealtimePeriod',
  'CpuRealtimeRuntime',
  'CpusetCpus',
  'CpusetMems',
  'Devices',
  'DeviceCgroupRules',
  'DeviceRequests',
  'KernelMemory',
  'KernelMemoryTCP',
  'MemoryReservation',
  'MemorySwap',
  'MemorySwappiness',
  'NanoCpus',
  'OomKillDisable',
  'Init',
  'PidsLimit',
  'Ulimits',
  'CpuCount',
  'CpuPercent',
  'IOMaximumIOps',
  'IOMaximumBandwidth',
  'Binds',
  'ContainerIDFile',
  'LogConfig',
  'NetworkMode',
  'PortBindings',
  'RestartPolicy',
  'AutoRemove',
  'VolumeDriver',
  'VolumesFrom',
  'Mounts',
  'ConsoleSize',
  'Annotations',
  'CapAdd',
  'CapDrop',
  'CgroupnsMode',
  'Dns',
  'DnsOptions',
  'DnsSearch',
  'ExtraHosts',
  'GroupAdd',
  'IpcMode',
  'Cgroup',
  'Links',
  'OomScoreAdj',
  'PidMode',
  'Privileged',
  'PublishAllPorts',
  'ReadonlyRootfs',
  'SecurityOpt',
  'StorageOpt',
  'Tmpfs',
  'UTSMode',
  'UsernsMode',
  'ShmSize',
  'Sysctls',
  'Runtime',
  'Isolation',
  'MaskedPaths',
  'ReadonlyPaths',
];

/** For each judged field, a value an operator must not get, and a word the refusal names it by. */
const DANGER: Record<(typeof JUDGED_HOST_CONFIG)[number], [unknown, string]> = {
  Privileged: [true, 'privileged'],
  NetworkMode: ['host', 'network_mode: host'],
  PidMode: ['host', 'pid: host'],
  IpcMode: ['host', 'ipc: host'],
  UTSMode: ['host', 'uts: host'],
  UsernsMode: ['host', 'userns_mode: host'],
  CgroupnsMode: ['host', 'cgroupns: host'],
  Cgroup: ['container:admin-box', 'cgroup: container:admin-box'],
  Devices: [[{ PathOnHost: '/dev/sda', PathInContainer: '/dev/sda', CgroupPermissions: 'rwm' }], '/dev/sda'],
  DeviceCgroupRules: [['a *:* rwm'], 'device_cgroup_rules'],
  DeviceRequests: [[{ Count: -1, Capabilities: [['gpu']] }], 'device requests'],
  CapAdd: [['SYS_ADMIN'], 'SYS_ADMIN'],
  SecurityOpt: [['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'], 'seccomp'],
  CgroupParent: ['/', 'cgroup_parent'],
  Runtime: ['runsc', 'runtime: runsc'],
  OomScoreAdj: [-1000, 'oom_score_adj'],
  OomKillDisable: [true, 'oom_kill_disable'],
  Binds: [['/:/host'], 'host path /'],
  Mounts: [[{ Type: 'bind', Source: '/etc', Target: '/x' }], 'host path /etc'],
  VolumesFrom: [['admin-box:rw'], 'volumes_from: admin-box'],
  VolumeDriver: ['rexray', 'rexray'],
  MaskedPaths: [[], 'masked_paths'],
  ReadonlyPaths: [[], 'readonly_paths'],
  Annotations: [{ 'run.oci.keep_original_groups': '1' }, 'annotations'],
};

function judged(hc: Record<string, unknown>): string {
  const opts = { Image: 'x', HostConfig: hc } as Docker.ContainerCreateOptions;
  return [...containerViolations(opts, DEFAULT_POLICY), ...containerReferences(opts).map((r) => r.what)].join('\n');
}

function expectReviewed(opts: Docker.ContainerCreateOptions, where: string): void {
  for (const k of Object.keys(opts)) expect(configReviewed.has(k), `${where}: create field ${k} is on no reviewed list`).toBe(true);
  for (const k of Object.keys(opts.HostConfig ?? {})) expect(hostReviewed.has(k), `${where}: HostConfig.${k} is on no reviewed list`).toBe(true);
}

describe('every Engine field Berth can send is judged by the policy or on the reviewed harmless list', () => {
  it('the two lists do not overlap, and every harmless field says why', () => {
    for (const k of JUDGED_HOST_CONFIG) expect(HARMLESS_HOST_CONFIG[k], k).toBeUndefined();
    for (const k of JUDGED_CONFIG) expect(HARMLESS_CONFIG[k], k).toBeUndefined();
    for (const [k, why] of [...Object.entries(HARMLESS_HOST_CONFIG), ...Object.entries(HARMLESS_CONFIG)]) expect(why.length, k).toBeGreaterThan(5);
  });

  it("covers every HostConfig field of the Engine's API", () => {
    expect(ENGINE_HOST_CONFIG.filter((k) => !hostReviewed.has(k))).toEqual([]);
  });

  it('covers every field the launch form\'s "kept as is" passthrough accepts', () => {
    expect(Object.keys(AdvancedHostConfigSchema.shape).filter((k) => !hostReviewed.has(k))).toEqual([]);
    expect(Object.keys(AdvancedConfigSchema.shape).filter((k) => !configReviewed.has(k))).toEqual([]);
  });

  it('covers every field a fully filled launch form produces', () => {
    const launch = LaunchSchema.parse({
      image: 'busybox:1',
      name: 'full',
      command: 'sh -c true',
      entrypoint: '/bin/sh',
      workingDir: '/app',
      user: '1000',
      hostname: 'h',
      env: [{ key: 'A', value: '1' }],
      labels: [{ key: 'l', value: 'v' }],
      ports: [{ hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
      volumes: [{ type: 'volume', source: 'data', target: '/data' }],
      networks: [
        { name: 'net1', aliases: ['a'] },
        { name: 'net2', aliases: [] },
      ],
      restart: 'on-failure',
      maxRetries: '3',
      memory: '64m',
      cpus: '0.5',
      healthcheck: { command: ['CMD', 'true'], interval: '5s' },
      tty: true,
      openStdin: true,
      capAdd: ['NET_ADMIN'],
      capDrop: ['MKNOD'],
      sensitive: true,
      dns: '1.1.1.1',
      dnsSearch: 'corp',
      dnsOptions: 'ndots:2',
      extraHosts: 'db:10.0.0.5',
      tmpfs: '/run:size=1m',
      logDriver: 'json-file',
      logOptions: 'max-size=1m',
      ulimits: 'nofile=1024:2048',
      init: true,
      readOnly: true,
      advanced: {
        config: Object.fromEntries(Object.keys(AdvancedConfigSchema.shape).map((k) => [k, undefined])),
        hostConfig: { ShmSize: 1024, Sysctls: { 'net.core.somaxconn': '1' }, GroupAdd: ['audio'], PidsLimit: 10 },
        endpoints: { net1: { IPv4Address: '10.0.0.9' } },
      },
    });
    const { create } = toCreateOptions(launch);
    expectReviewed(create, 'launch');
    expect(unreviewedFields(create as Record<string, unknown>)).toEqual([]);
  });

  it('covers every field compose can produce', () => {
    const m = load(
      [
        'services:',
        '  db: { image: x }',
        '  web:',
        '    image: x',
        '    command: [sh]',
        '    entrypoint: [sh]',
        '    environment: { A: "1" }',
        '    ports: ["8080:80"]',
        '    expose: ["90"]',
        '    volumes: [data:/data, /srv:/srv]',
        '    networks: [front]',
        '    restart: always',
        '    labels: { a: b }',
        '    healthcheck: { test: [CMD, "true"], interval: 5s }',
        '    user: "1000"',
        '    working_dir: /app',
        '    hostname: web',
        '    extra_hosts: ["db:10.0.0.5"]',
        '    cap_add: [NET_ADMIN]',
        '    cap_drop: [MKNOD]',
        '    logging: { driver: json-file, options: { max-size: 1m } }',
        '    tty: true',
        '    stdin_open: true',
        '    stop_signal: SIGINT',
        '    stop_grace_period: 5s',
        '    privileged: true',
        '    pid: host',
        '    ipc: shareable',
        '    userns_mode: host',
        '    uts: host',
        '    devices: [/dev/fuse]',
        '    security_opt: [no-new-privileges]',
        '    read_only: true',
        '    tmpfs: [/run]',
        '    dns: [1.1.1.1]',
        '    sysctls: { net.core.somaxconn: "1" }',
        '    ulimits: { nofile: 1024 }',
        '    init: true',
        '    shm_size: 64m',
        '    mem_limit: 64m',
        '    mem_reservation: 32m',
        '    memswap_limit: 128m',
        '    cpus: 0.5',
        '    cpu_shares: 512',
        '    cpu_quota: 50000',
        '    cpu_period: 100000',
        '    cpuset: "0"',
        '    pids_limit: 10',
        '    oom_score_adj: 10',
        '    oom_kill_disable: false',
        '    dns_search: [corp]',
        '    dns_opt: [ndots:2]',
        '    domainname: example.org',
        '    group_add: [audio]',
        '    mac_address: "02:42:ac:11:00:02"',
        '    volumes_from: [db]',
        'networks: { front: {} }',
        'volumes: { data: {} }',
        '',
      ].join('\n'),
    );
    const { create } = containerOptions('p', m, m.services.web, 1);
    expectReviewed(create as Docker.ContainerCreateOptions, 'compose');
  });

  it('each judged field has a rule: a dangerous value of it is refused, naming it', () => {
    expect(Object.keys(DANGER).sort()).toEqual([...JUDGED_HOST_CONFIG].sort());
    for (const [field, [value, word]] of Object.entries(DANGER)) expect(judged({ [field]: value }), field).toContain(word);
  });

  it('a field on neither list is refused for non-admins', () => {
    const v = containerViolations(
      { Image: 'x', HostConfig: { Memory: 1, SomethingNew: 'x' } as object, Unheard: 1 } as Docker.ContainerCreateOptions,
      DEFAULT_POLICY,
    );
    expect(v.join('\n')).toContain("HostConfig.SomethingNew is a setting Berth's policy has not reviewed");
    expect(v.join('\n')).toContain("Unheard is a setting Berth's policy has not reviewed");
  });
});
