import { describe, expect, it } from 'vitest';
import { blockTotals, cpuCounters, type EngineStats, isEmptyReading, memoryUsed, toSample } from './stats';

/** A reading from Engine 20.10 on cgroup v1 (the harness daemon), a busybox container spinning one CPU. */
const V1: EngineStats = {
  read: '2026-11-22T22:00:55.147799437Z',
  pids_stats: { current: 1 },
  blkio_stats: {
    io_service_bytes_recursive: [
      { op: 'Read', value: 4096 } as never,
      { op: 'Write', value: 8192 } as never,
      { op: 'Sync', value: 12288 } as never,
      { op: 'Total', value: 12288 } as never,
    ],
  },
  cpu_stats: {
    cpu_usage: { total_usage: 3075338364, percpu_usage: [1023937545, 2051400819] },
    system_cpu_usage: 17551260000000,
    online_cpus: 2,
  },
  precpu_stats: {
    cpu_usage: { total_usage: 2072144469, percpu_usage: [51643876, 2020500593] },
    system_cpu_usage: 17549260000000,
    online_cpus: 2,
  },
  memory_stats: {
    usage: 761856,
    stats: { cache: 65536, rss: 61440, inactive_file: 0, total_inactive_file: 40960, total_cache: 65536 },
    limit: 25276510208,
  },
  networks: {
    eth0: { rx_bytes: 736, tx_bytes: 0 },
    eth1: { rx_bytes: 1000, tx_bytes: 42 },
  },
};

/** The same container on cgroup v2 (Engine 24): no total_* keys, lower-case blkio ops, no percpu_usage. */
const V2: EngineStats = {
  read: '2026-11-22T22:01:00.000000000Z',
  pids_stats: { current: 3 },
  blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 1048576 } as never, { op: 'write', value: 2097152 } as never] },
  cpu_stats: { cpu_usage: { total_usage: 500_000_000 }, system_cpu_usage: 40_000_000_000, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 250_000_000 }, system_cpu_usage: 36_000_000_000, online_cpus: 4 },
  memory_stats: {
    usage: 10_485_760,
    stats: { anon: 2_097_152, file: 8_388_608, active_file: 3_145_728, inactive_file: 5_242_880 },
    limit: 536_870_912,
  },
  networks: { eth0: { rx_bytes: 5000, tx_bytes: 7000 } },
};

describe('toSample: the figures `docker stats` shows', () => {
  it('cgroup v1: CPU from precpu_stats, memory without total_inactive_file, totals over interfaces', () => {
    const s = toSample(V1);
    // (1003193895 / 2000000000) × 2 CPUs × 100
    expect(s.cpu).toBeCloseTo(100.319, 2);
    expect(s.memUsed).toBe(761856 - 40960);
    expect(s.memLimit).toBe(25276510208);
    expect(s.memPercent).toBeCloseTo((720896 / 25276510208) * 100, 6);
    expect([s.netRx, s.netTx]).toEqual([1736, 42]);
    expect([s.blkRead, s.blkWrite]).toEqual([4096, 8192]);
    expect(s.pids).toBe(1);
    expect(s.t).toBe(Date.parse('2026-11-22T22:00:55.147Z'));
  });

  it('cgroup v2: inactive_file, lower-case ops, online_cpus', () => {
    const s = toSample(V2);
    expect(s.cpu).toBeCloseTo((250_000_000 / 4_000_000_000) * 4 * 100, 6);
    expect(s.memUsed).toBe(10_485_760 - 5_242_880);
    expect(s.memPercent).toBeCloseTo(0.9765625, 6);
    expect([s.blkRead, s.blkWrite]).toEqual([1048576, 2097152]);
    expect(s.pids).toBe(3);
  });

  it('a one-shot reading (no precpu_stats) takes CPU % from the previous reading, or none', () => {
    const oneShot: EngineStats = { ...V2, precpu_stats: { cpu_usage: { total_usage: 0 } } };
    expect(toSample(oneShot).cpu).toBeNull();
    expect(toSample(oneShot, { total: 400_000_000, system: 38_000_000_000 }).cpu).toBeCloseTo(20, 6);
    expect(cpuCounters(V2.cpu_stats)).toEqual({ total: 500_000_000, system: 40_000_000_000 });
  });

  it('counts CPUs from percpu_usage when online_cpus is missing (old Engines)', () => {
    const old: EngineStats = { ...V1, cpu_stats: { ...V1.cpu_stats, online_cpus: undefined }, precpu_stats: V1.precpu_stats };
    expect(toSample(old).cpu).toBeCloseTo(100.319, 2);
  });

  it('never shows more memory freed than used, and copes with missing sections (network none, no blkio)', () => {
    expect(memoryUsed({ usage: 100, stats: { total_inactive_file: 500 } })).toBe(100);
    expect(memoryUsed(undefined)).toBe(0);
    expect(blockTotals({ io_service_bytes_recursive: null })).toEqual({ read: 0, write: 0 });
    const bare = toSample({ read: V1.read, cpu_stats: V1.cpu_stats, memory_stats: { usage: 5 } });
    expect([bare.netRx, bare.netTx, bare.blkRead, bare.pids, bare.memPercent]).toEqual([0, 0, 0, 0, 0]);
  });

  it('knows the empty reading the Engine sends for a stopped container', () => {
    expect(isEmptyReading({ read: '0001-01-01T00:00:00Z', cpu_stats: { cpu_usage: { total_usage: 0 } } })).toBe(true);
    expect(isEmptyReading(V1)).toBe(false);
  });
});
