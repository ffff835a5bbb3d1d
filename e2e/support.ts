import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export { docker, freePort, harness, read, type HarnessEnv } from '../test/harness';

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
