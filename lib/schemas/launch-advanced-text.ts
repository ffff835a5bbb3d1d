import type { Advanced } from './launch-advanced';
import { formatBytesExact } from './launch-text';

// Apart from the schemas in launch-advanced.ts, which build zod objects when loaded: the launch page shows these
// without loading zod (it fetches zod with the form's first check).

export const EMPTY_ADVANCED: Advanced = { config: {}, hostConfig: {}, endpoints: {} };

const bytes = (n: number) => (n > 0 ? formatBytesExact(n) : String(n));
const kv = (r: Record<string, string>) =>
  Object.entries(r)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** How a carried setting reads to a person ("devices /dev/fuse:/dev/fuse:rwm", "stop signal SIGINT"), one line each. */
export function describeAdvanced(a: Advanced): string[] {
  const out: string[] = [];
  const c = a.config;
  const h = a.hostConfig;
  const add = (label: string, v: unknown, show: (v: never) => string = String) => {
    if (v !== undefined) out.push(`${label} ${show(v as never)}`);
  };
  add('domain name', c.Domainname);
  add('MAC address', c.MacAddress);
  add('stop signal', c.StopSignal);
  add('stop timeout', c.StopTimeout, (s: number) => `${s}s`);
  add('stdin once', c.StdinOnce);
  add('network disabled', c.NetworkDisabled);
  add('exposed ports', c.ExposedPorts, (p: string[]) => p.join(', '));
  if (c.Healthcheck) out.push('healthcheck disabled');
  add('devices', h.Devices, (d: { PathOnHost: string; PathInContainer: string; CgroupPermissions: string }[]) =>
    d.map((x) => `${x.PathOnHost}:${x.PathInContainer}:${x.CgroupPermissions}`).join(', '),
  );
  add('device cgroup rules', h.DeviceCgroupRules, (r: string[]) => r.join(', '));
  add('device requests', h.DeviceRequests, (r: unknown[]) => `${r.length} (GPUs)`);
  add('security options', h.SecurityOpt, (o: string[]) => o.join(', '));
  add('sysctls', h.Sysctls, kv);
  add('shm size', h.ShmSize, bytes);
  for (const [k, label] of [
    ['IpcMode', 'ipc'],
    ['PidMode', 'pid'],
    ['UTSMode', 'uts'],
    ['UsernsMode', 'userns'],
    ['CgroupnsMode', 'cgroupns'],
    ['Cgroup', 'cgroup'],
    ['CgroupParent', 'cgroup parent'],
    ['Runtime', 'runtime'],
    ['VolumeDriver', 'volume driver'],
    ['CpusetCpus', 'cpuset cpus'],
    ['CpusetMems', 'cpuset mems'],
  ] as const)
    add(label, h[k]);
  add('group add', h.GroupAdd, (g: string[]) => g.join(', '));
  add('OOM kill disabled', h.OomKillDisable);
  for (const [k, label] of [
    ['OomScoreAdj', 'OOM score adj'],
    ['CpuShares', 'CPU shares'],
    ['CpuPeriod', 'CPU period'],
    ['CpuQuota', 'CPU quota'],
    ['CpuRealtimePeriod', 'CPU realtime period'],
    ['CpuRealtimeRuntime', 'CPU realtime runtime'],
    ['MemorySwappiness', 'memory swappiness'],
    ['PidsLimit', 'pids limit'],
    ['BlkioWeight', 'blkio weight'],
  ] as const)
    add(label, h[k]);
  add('memory reservation', h.MemoryReservation, bytes);
  add('memory+swap', h.MemorySwap, (n: number) => (n === -1 ? 'unlimited' : bytes(n)));
  for (const k of ['BlkioWeightDevice', 'BlkioDeviceReadBps', 'BlkioDeviceWriteBps', 'BlkioDeviceReadIOps', 'BlkioDeviceWriteIOps'] as const)
    add(k, h[k], (r: { Path: string }[]) => r.map((x) => JSON.stringify(x)).join(', '));
  add('publish all ports', h.PublishAllPorts);
  add('remove when stopped', h.AutoRemove);
  add('storage options', h.StorageOpt, kv);
  add('links', h.Links, (l: string[]) => l.join(', '));
  for (const [net, e] of Object.entries(a.endpoints)) {
    const parts = [e.IPv4Address, e.IPv6Address].filter(Boolean);
    if (parts.length) out.push(`static address on ${net} ${parts.join(', ')}`);
    if (e.Links?.length) out.push(`links on ${net} ${e.Links.join(', ')}`);
  }
  return out;
}
