import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export { docker, harness, read, type HarnessEnv } from '../test/harness';

/** The name Berth gives the local socket on first start: the machine's host name. */
export function machineName(): string {
  return (
    os
      .hostname()
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '') || 'local'
  );
}

export function daemonPid(socket: string): number {
  return Number(fs.readFileSync(path.join(path.dirname(socket), 'dockerd.pid'), 'utf8'));
}

/** A TCP port nothing listens on, between 21000 and 41000 (for an app's published port). */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 21000 + Math.floor(Math.random() * 20000);
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '0.0.0.0', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 21000 and 41000');
}
