import type { IpvsCheck } from '@/lib/swarm-types';
import type { Berth } from '../berth';
import type { HostEngine } from '../docker/connect';
import { createContainer, removeContainer, startContainer, waitContainer } from '../docker/container-calls';
import { probeImages } from '../docker/swarm';

/**
 * Whether the manager's kernel has IPVS, which Swarm's ingress routing mesh and service VIPs need. Swarm itself says
 * nothing when it is missing (services run, ports are "published", and nothing answers; only dockerd's log mentions
 * it), and /info has no field for it. So a one-shot container of an image the node already has (nothing can be
 * pulled for it) tests the two paths that exist once IPVS is in the kernel: /sys/module/ip_vs (the host kernel's,
 * not namespaced; built-in modules are listed too) and /proc/net/ip_vs (in every network namespace). Exit 0: present,
 * 1: missing, anything else or a failure to run: unknown. See scripts/harness/README.md "Swarm".
 */
const SCRIPT = 'test -e /sys/module/ip_vs || test -e /proc/net/ip_vs';
const PROBE_LABEL = 'io.berth.probe';
/** Each step's deadline: the probe is a convenience on a page, never worth a long wait. */
const STEP_MS = 5_000;
/** A kernel does not gain IPVS while running; an unknown answer is retried sooner. */
const KNOWN_TTL_MS = 30 * 60_000;
const UNKNOWN_TTL_MS = 60_000;
/** Images tried, smallest first (a busybox- or alpine-like image has `sh` and `test`). */
const MAX_IMAGES = 2;

export const IPVS_MISSING =
  "This host's kernel has no IPVS, so Swarm's ingress routing mesh cannot work here. Published ports in ingress mode and virtual IPs will not answer on this host's kernel: use mode: host ports and endpoint_mode: dnsrr.";
const IPVS_PRESENT = "This host's kernel has IPVS: the ingress routing mesh and virtual IPs can work.";
const ipvsUnknown = (why: string) =>
  `Unknown whether this host's kernel has IPVS (${why}). Without it, ports published in ingress mode and virtual IPs do not answer; mode: host ports and endpoint_mode: dnsrr work either way.`;

/**
 * Per Berth and host, the last answer or the probe under way (one probe at a time per host). Kept beside the Berth
 * rather than in it: a cache, so the two module copies (custom server and Next's bundle) each holding one costs at
 * most a second probe.
 */
const caches = new WeakMap<Berth, Map<string, { until: number; check: Promise<IpvsCheck> }>>();

export function ipvsCheck(b: Berth, host: HostEngine): Promise<IpvsCheck> {
  let cache = caches.get(b);
  if (!cache) caches.set(b, (cache = new Map()));
  const hit = cache.get(host.id);
  if (hit && hit.until > Date.now()) return hit.check;
  const check = probe(host).then((c) => {
    cache.set(host.id, { until: Date.now() + (c.present === null ? UNKNOWN_TTL_MS : KNOWN_TTL_MS), check: Promise.resolve(c) });
    return c;
  });
  // While it runs, callers share it.
  cache.set(host.id, { until: Number.MAX_SAFE_INTEGER, check });
  return check;
}

async function probe({ engine }: HostEngine): Promise<IpvsCheck> {
  const checkedAt = () => new Date().toISOString();
  let images;
  try {
    images = await probeImages(engine);
  } catch (e) {
    return { present: null, message: ipvsUnknown(`the host's images could not be listed: ${(e as Error).message}`), checkedAt: checkedAt() };
  }
  const candidates = images
    .filter((i) => (i.RepoTags ?? []).some((t) => t !== '<none>:<none>'))
    .sort((a, b) => a.Size - b.Size)
    .slice(0, MAX_IMAGES);
  if (!candidates.length) return { present: null, message: ipvsUnknown('the host has no image to run a probe container from'), checkedAt: checkedAt() };
  let why = '';
  for (const image of candidates) {
    const code = await runProbe(engine, image.Id).catch((e: Error) => {
      why = e.message;
      return null;
    });
    if (code === 0) return { present: true, message: IPVS_PRESENT, checkedAt: checkedAt() };
    if (code === 1) return { present: false, message: IPVS_MISSING, checkedAt: checkedAt() };
    if (code !== null) why = `the probe container exited with code ${code}`;
  }
  return { present: null, message: ipvsUnknown(`the probe container could not run: ${why}`), checkedAt: checkedAt() };
}

async function runProbe(engine: HostEngine['engine'], image: string): Promise<number> {
  const id = await createContainer(
    engine,
    {
      Image: image,
      Entrypoint: ['sh', '-c'],
      Cmd: [SCRIPT],
      Labels: { [PROBE_LABEL]: 'ipvs' },
      NetworkDisabled: true,
      HostConfig: { NetworkMode: 'none', LogConfig: { Type: 'none', Config: {} } },
    },
    STEP_MS,
  );
  try {
    await startContainer(engine, id, STEP_MS);
    return (await waitContainer(engine, id, STEP_MS)).StatusCode;
  } finally {
    await removeContainer(engine, id, { volumes: true, ms: STEP_MS }).catch(() => undefined);
  }
}
