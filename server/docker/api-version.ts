import { BerthError } from '../errors';
import type { Engine } from './connect';

/**
 * Which Docker Engine API Berth speaks to a host. Like the docker CLI, Berth pins every request to
 * min(what the daemon offers, the newest version Berth is tested against), so a newer Engine answers in the shapes
 * Berth knows; an Engine older than 20.10 (API 1.41) lacks what Berth relies on (cgroup v2 stats, `platform` on
 * create, volume prune filters) and is refused by name.
 */
export const MIN_API = '1.41';
/** the newest API the test matrix proves (Engine 26.1); raise it with the harness */
export const MAX_API = '1.45';

/** -1, 0 or 1 as API version a is older, the same or newer than b ("1.41" < "1.45" < "1.100"). */
export function compareApi(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return Math.sign(am - bm || an - bn);
}

/** The version to pin a daemon that offers `server` to, or an error saying why Berth cannot manage it. */
export function negotiateApi(server: string, target: string): string {
  if (!/^\d+\.\d+$/.test(server)) throw new BerthError('invalid', `The Engine at ${target} reports API version "${server}", which Berth cannot read`);
  if (compareApi(server, MIN_API) < 0) {
    throw new BerthError(
      'invalid',
      `The Engine at ${target} speaks Docker API ${server}; Berth needs API ${MIN_API} (Docker Engine 20.10) or newer. Upgrade Docker on that host, then add it again`,
    );
  }
  return compareApi(server, MAX_API) > 0 ? MAX_API : server;
}

/** Every later request of this client goes to /v<version>/…, as the docker CLI does after negotiating. */
export function pinApi(engine: Engine, version: string): void {
  (engine.docker.modem as { version?: string }).version = `v${version}`;
}

/** The API this client is pinned to, or null before the host was first read (the Engine then answers as its newest). */
export function apiOf(engine: Engine): string | null {
  const v = (engine.docker.modem as { version?: string }).version;
  return v ? v.replace(/^v/, '') : null;
}

/** Whether the Engine behind this client answers as API `version` or newer. */
export const speaks = (engine: Engine, version: string) => compareApi(apiOf(engine) ?? MAX_API, version) >= 0;

/**
 * Create options as the pinned API wants them. From API 1.44 a container's MAC address belongs to the endpoint of
 * its first network (`Config.MacAddress` is deprecated there); older Engines only know the container-wide field.
 */
export function createOptionsFor<
  T extends { MacAddress?: string; HostConfig?: { NetworkMode?: string }; NetworkingConfig?: { EndpointsConfig?: Record<string, object> } },
>(opts: T, api: string | null): T {
  if (!opts.MacAddress || compareApi(api ?? MAX_API, '1.44') < 0) return opts;
  const mode = opts.HostConfig?.NetworkMode ?? 'default';
  // no endpoint of its own to carry it: leave it where the Engine reports the problem
  if (['host', 'none'].includes(mode) || mode.startsWith('container:')) return opts;
  const net = mode === 'default' ? 'bridge' : mode;
  const { MacAddress, ...rest } = opts;
  const endpoints = opts.NetworkingConfig?.EndpointsConfig ?? {};
  return { ...rest, NetworkingConfig: { ...opts.NetworkingConfig, EndpointsConfig: { ...endpoints, [net]: { ...(endpoints[net] ?? {}), MacAddress } } } } as T;
}
