import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { LaunchSchema } from '@/lib/schemas/launch';
import { EMPTY_ADVANCED } from '@/lib/schemas/launch-advanced';
import { launchFromInspect } from './from-inspect';
import { portOfBindError } from './launch-engine';
import { toCreateOptions } from './launch-options';

const full = LaunchSchema.parse({
  image: 'registry.local/app:2',
  name: 'shop-web',
  command: ['serve', '--port', '80'],
  entrypoint: '/entry.sh',
  workingDir: '/app',
  user: '1000:1000',
  hostname: 'shop',
  env: [{ key: 'DB_URL', value: 'postgres://u:p@db/shop?a=b' }],
  labels: [{ key: 'team', value: 'shop' }],
  ports: [
    { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80' },
    { hostPort: '', containerPort: '53', protocol: 'udp' },
    { hostPort: '9000-9001', containerPort: '7000-7001' },
    { hostPort: '6000-6010', containerPort: '443' },
  ],
  volumes: [
    { type: 'volume', source: 'shop-data', target: '/data' },
    { type: 'bind', source: '/srv/conf', target: '/conf', readOnly: true },
    { type: 'anonymous', target: '/cache' },
  ],
  networks: [
    { name: 'front', aliases: ['web'] },
    { name: 'back', aliases: [] },
  ],
  restart: 'on-failure',
  maxRetries: '5',
  memory: '512m',
  cpus: '1.5',
  healthcheck: { command: 'wget -q --spider http://localhost/', interval: '30s', timeout: '5s', retries: 3, startPeriod: '1m' },
  tty: true,
  openStdin: true,
  capAdd: ['NET_ADMIN'],
  capDrop: ['MKNOD'],
  sensitive: true,
});

describe('launch input → Engine create options', () => {
  it('maps every field the way docker run does', () => {
    const { create, extraNetworks } = toCreateOptions(full);
    expect(create).toMatchObject({
      name: 'shop-web',
      Image: 'registry.local/app:2',
      Cmd: ['serve', '--port', '80'],
      Entrypoint: ['/entry.sh'],
      WorkingDir: '/app',
      User: '1000:1000',
      Hostname: 'shop',
      Env: ['DB_URL=postgres://u:p@db/shop?a=b'],
      Labels: { team: 'shop', 'io.berth.managed': 'true', 'io.berth.sensitive': 'true' },
      ExposedPorts: { '80/tcp': {}, '53/udp': {}, '7000/tcp': {}, '7001/tcp': {}, '443/tcp': {} },
      Tty: true,
      OpenStdin: true,
      Healthcheck: { Test: ['CMD', 'wget', '-q', '--spider', 'http://localhost/'], Interval: 30e9, Timeout: 5e9, StartPeriod: 60e9, Retries: 3 },
      NetworkingConfig: { EndpointsConfig: { front: { Aliases: ['web'] } } },
    });
    expect(create.HostConfig).toMatchObject({
      PortBindings: {
        '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
        '53/udp': [{ HostIp: '', HostPort: '' }],
        '7000/tcp': [{ HostIp: '', HostPort: '9000' }],
        '7001/tcp': [{ HostIp: '', HostPort: '9001' }],
        '443/tcp': [{ HostIp: '', HostPort: '6000-6010' }],
      },
      Mounts: [
        { Type: 'volume', Source: 'shop-data', Target: '/data', ReadOnly: false },
        { Type: 'bind', Source: '/srv/conf', Target: '/conf', ReadOnly: true },
        { Type: 'volume', Source: '', Target: '/cache', ReadOnly: false },
      ],
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 },
      Memory: 512 * 1024 ** 2,
      NanoCpus: 1.5e9,
      CapAdd: ['NET_ADMIN'],
      CapDrop: ['MKNOD'],
      NetworkMode: 'front',
      Privileged: false,
    });
    expect(extraNetworks).toEqual([{ name: 'back', aliases: [], endpoint: {} }]);
  });
  it('leaves empty fields out so the image defaults apply', () => {
    const { create } = toCreateOptions(LaunchSchema.parse({ image: 'busybox' }));
    expect(create).not.toHaveProperty('Cmd');
    expect(create).not.toHaveProperty('Entrypoint');
    expect(create).not.toHaveProperty('name');
    expect(create).not.toHaveProperty('Healthcheck');
    expect(create.HostConfig).not.toHaveProperty('NetworkMode');
    expect(create.HostConfig?.RestartPolicy).toEqual({ Name: '', MaximumRetryCount: 0 });
    expect(create.Labels).toEqual({ 'io.berth.managed': 'true' });
  });
});

/** What the Engine's inspect returns for the container created from `full` (trimmed to the fields that matter). */
function inspectOf(opts: Docker.ContainerCreateOptions): Docker.ContainerInspectInfo {
  const id = 'abcdef0123456789'.repeat(4);
  const anon = 'f'.repeat(64);
  return {
    Id: id,
    Name: '/shop-web',
    Image: 'sha256:img',
    Config: { ...opts, Env: [...(opts.Env ?? []), 'PATH=/usr/bin'], Labels: { ...opts.Labels, 'org.image': 'x' }, Image: opts.Image } as never,
    HostConfig: { ...opts.HostConfig, PortBindings: opts.HostConfig?.PortBindings },
    Mounts: [
      { Type: 'volume', Name: 'shop-data', Source: '/var/lib/docker/volumes/shop-data/_data', Destination: '/data', RW: true },
      { Type: 'bind', Source: '/srv/conf', Destination: '/conf', RW: false },
      { Type: 'volume', Name: anon, Source: '/x', Destination: '/cache', RW: true },
    ],
    NetworkSettings: { Networks: { back: { Aliases: [id.slice(0, 12)] }, front: { Aliases: ['web', id.slice(0, 12)] } } },
    State: { Running: true },
  } as unknown as Docker.ContainerInspectInfo;
}

describe('container inspect → launch input', () => {
  const image = { Env: ['PATH=/usr/bin'], Labels: { 'org.image': 'x' }, Cmd: ['default'] };

  it('reads back what was launched, leaving out what the image supplies (recreate keeps the anonymous volume)', () => {
    const back = launchFromInspect(inspectOf(toCreateOptions(full).create), image, 'recreate');
    const expected = { ...full, ports: [...full.ports], advanced: EMPTY_ADVANCED };
    // Ranges come back one port per row; the Engine keeps no memory of the range.
    expected.ports = [
      { hostIp: '', hostPort: '', containerPort: '53', protocol: 'udp' },
      { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' },
      { hostIp: '', hostPort: '6000-6010', containerPort: '443', protocol: 'tcp' },
      { hostIp: '', hostPort: '9000', containerPort: '7000', protocol: 'tcp' },
      { hostIp: '', hostPort: '9001', containerPort: '7001', protocol: 'tcp' },
    ];
    expected.volumes = [
      { type: 'anonymous', source: 'f'.repeat(64), target: '/cache', readOnly: false },
      { type: 'bind', source: '/srv/conf', target: '/conf', readOnly: true },
      { type: 'volume', source: 'shop-data', target: '/data', readOnly: false },
    ];
    expect(back).toEqual(expected);
    expect(LaunchSchema.parse(back)).toEqual(back);
  });

  it('duplicate clears the name and gives anonymous volumes a fresh start', () => {
    const dup = launchFromInspect(inspectOf(toCreateOptions(full).create), image, 'duplicate');
    expect(dup.name).toBe('');
    expect(dup.volumes.find((v) => v.target === '/cache')).toEqual({ type: 'anonymous', source: '', target: '/cache', readOnly: false });
  });

  it('a plain container on the default bridge reads back as defaults', () => {
    const opts = toCreateOptions(LaunchSchema.parse({ image: 'busybox', command: 'default' })).create;
    const c = { ...inspectOf(opts), Mounts: [], NetworkSettings: { Networks: { bridge: { Aliases: null } } } } as unknown as Docker.ContainerInspectInfo;
    c.Config.Hostname = c.Id.slice(0, 12);
    expect(launchFromInspect(c, image, 'duplicate')).toEqual(LaunchSchema.parse({ image: 'busybox', advanced: {} }));
  });
});

describe('portOfBindError', () => {
  it('finds the host port in the Engine messages for a port in use', () => {
    expect(portOfBindError('driver failed programming external connectivity on endpoint x (ab): Bind for 0.0.0.0:8080 failed: port is already allocated')).toBe(
      8080,
    );
    expect(portOfBindError('Error starting userland proxy: listen tcp4 0.0.0.0:18080: bind: address already in use')).toBe(18080);
    expect(portOfBindError('Error starting userland proxy: listen tcp6 [::]:9090: bind: address already in use')).toBe(9090);
    expect(portOfBindError('something else')).toBeNull();
  });
});
