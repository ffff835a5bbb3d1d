import fs from 'node:fs';
import os from 'node:os';
import { cpuSeconds } from '../p3-lib';

/**
 * The shortest wall time any client could have had for a piece of Engine work on this machine: the CPU the work cost
 * everything except the client (dockerd, containerd, shims, runc, dockerd's own re-execs, iptables…), spread over
 * every core. When the machine is saturated during the work, that floor is what a ratio target is up against, no
 * matter how the client schedules its calls. Measured from /proc/stat (all processes, exited ones included), minus the
 * client's own process and this bench process.
 */
const CLK_TCK = 100;

function systemBusySeconds(): number {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
  return busy / CLK_TCK;
}

export interface CpuFloor {
  /** CPU seconds spent by everything but the client and the bench during the work */
  engineCpuS: number;
  /** the client's own CPU seconds */
  clientCpuS: number;
  /** engineCpuS / cores, in ms: no client can finish the work faster on this machine */
  floorMs: number;
}

/** Starts a measurement; the returned function ends it. `clientPid` null: the client is a child process already counted. */
export function measureCpu(clientPid: number | null): () => CpuFloor {
  const sys0 = systemBusySeconds();
  const client0 = clientPid ? cpuSeconds(clientPid) : 0;
  const self0 = process.cpuUsage();
  return () => {
    const self = process.cpuUsage(self0);
    const clientCpuS = clientPid ? cpuSeconds(clientPid) - client0 : 0;
    const engineCpuS = Math.max(0, systemBusySeconds() - sys0 - clientCpuS - (self.user + self.system) / 1e6);
    return { engineCpuS: round(engineCpuS), clientCpuS: round(clientCpuS), floorMs: round((engineCpuS * 1000) / os.cpus().length) };
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
