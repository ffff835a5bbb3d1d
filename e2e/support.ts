import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type APIRequestContext, expect } from '@playwright/test';
import { swarmHarness } from '../test/harness';

export { docker, freePort, harness, read, swarmHarness, type HarnessEnv } from '../test/harness';

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

/**
 * Registers the harness swarm's manager as a host named `<prefix>-<time>` through the API (the e2e server registers
 * only daemon A); its host id. Without a swarm in the harness (BERTH_HARNESS_SWARM=0) this throws swarmHarness()'s
 * message saying so and how to start it: the spec fails rather than being skipped.
 */
export async function registerSwarmManager(request: APIRequestContext, prefix: string): Promise<string> {
  const socketPath = swarmHarness().managerSocket;
  const res = await request.post('/api/v1/hosts', { data: { kind: 'socket', name: `${prefix}-${Date.now().toString(36)}`, socketPath } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).host.id;
}

/** Removes a host the spec registered (afterAll: errors are left to the test that failed). */
export async function removeHost(request: APIRequestContext, hostId: string): Promise<void> {
  if (hostId) await request.delete(`/api/v1/hosts/${hostId}`).catch(() => undefined);
}
