import type { ImageUpdatesAnswer, ImageUpdateView } from '@/lib/image-update-types';
import type { ContainerSummary } from '@/lib/types';
import type { Berth } from '../berth';
import { inspectRawContainer } from '../docker/container-calls';
import { listContainers } from '../docker/containers';
import { inspectRawImage } from '../docker/images';
import { rawInfo } from '../docker/info';
import type { HostRuntime } from '../live/host-runtime';
import { findRegistryByAddress } from '../registries/repo';
import { compareDigests, localProblem, type RunningImage } from './update-compare';
import { DEFAULT_INSECURE, headManifest, type HeadResult, type InsecureSettings, isInsecure, registryRepo } from './registry-head';

/**
 * Image update checks (issue #17 point 3). For each host, the running containers (from the live cache) are grouped by
 * the image reference they were made from; for each reference the registry is asked which digest its tag points to
 * now (a manifest HEAD from Berth, registry-head.ts, with the stored credentials) and that is compared with the
 * RepoDigests of the images the containers run. Answers are kept in memory (the Berth's `imageUpdates`); a change
 * of status is published on the live hub as an `image-update` message (the alerts engine's 'image-update' rule and
 * the browser's lists follow it).
 */

const LIVE = new Set(['running', 'paused', 'restarting']);
const looksLikeId = (image: string) => /^(sha256:)?[0-9a-f]{12,64}$/.test(image);
const CONCURRENCY = 4;

/** The reference a container was made from: the list shows an image id once the tag moved, the inspect still has it. */
async function refOf(rt: HostRuntime, c: ContainerSummary): Promise<string> {
  if (!looksLikeId(c.image)) return c.image;
  const raw = await inspectRawContainer(rt.engine, c.id).catch(() => null);
  return raw?.Config?.Image ?? c.image;
}

/** The Engine's insecure-registry settings (its /info RegistryConfig), the defaults when it does not say. */
async function insecureOf(rt: HostRuntime): Promise<InsecureSettings> {
  const info = (await rawInfo(rt.engine).catch(() => null)) as {
    RegistryConfig?: { InsecureRegistryCIDRs?: string[]; IndexConfigs?: Record<string, { Secure?: boolean }> };
  } | null;
  const rc = info?.RegistryConfig;
  if (!rc) return DEFAULT_INSECURE;
  return {
    cidrs: rc.InsecureRegistryCIDRs ?? DEFAULT_INSECURE.cidrs,
    names: Object.entries(rc.IndexConfigs ?? {})
      .filter(([, v]) => v.Secure === false)
      .map(([k]) => k),
  };
}

const clock = (t: number) =>
  new Date(t)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

function reasonOf(r: Exclude<HeadResult, { ok: true }>): string {
  switch (r.reason) {
    case 'unreachable':
      return `registry unreachable: ${r.message}`;
    case 'auth':
      return `auth failed: ${r.message}`;
    case 'rate-limited':
      return `rate limited until ${clock(r.backoffUntil ?? Date.now())}: ${r.message}`;
    case 'not-found':
      return `not in the registry: ${r.message}`;
    default:
      return r.message;
  }
}

/** Asks the registry about one reference and compares; one check per reference per host at a time. */
function checkRef(b: Berth, rt: HostRuntime, ref: string, containers: ContainerSummary[], insecure: InsecureSettings): Promise<ImageUpdateView> {
  const key = `${rt.id} ${ref}`;
  const running = b.imageUpdates.inflight.get(key);
  if (running) return running;
  const p = (async () => {
    const byImage = new Map<string, string[] | null>();
    for (const id of new Set(containers.map((c) => c.imageId)))
      byImage.set(
        id,
        await inspectRawImage(rt.engine, id).then(
          (i) => i.RepoDigests ?? [],
          () => null,
        ),
      );
    const seen: RunningImage[] = containers.map((c) => ({
      id: c.id,
      name: c.name,
      project: c.project,
      service: c.service,
      repoDigests: byImage.get(c.imageId) ?? null,
    }));
    const base = { hostId: rt.id, image: ref, checkedAt: new Date().toISOString() };
    const asUnknown = (reason: string): ImageUpdateView => ({
      ...base,
      status: 'unknown',
      reason,
      remoteDigest: null,
      containers: seen.map(({ repoDigests: _, ...c }) => ({ ...c, behind: false })),
    });
    const local = localProblem(ref, seen);
    if (local) return asUnknown(local);
    const { registry } = registryRepo(ref);
    const until = b.imageUpdates.backoff.get(registry);
    if (until && until > Date.now()) return asUnknown(`rate limited until ${clock(until)}: Berth leaves registry ${registry} alone until then`);
    const stored = await findRegistryByAddress(b.db, b.box, registry);
    const credentials = stored?.username && stored.password ? { username: stored.username, password: stored.password } : null;
    const r = await headManifest(ref, { credentials, insecure: isInsecure(registry, insecure) });
    if (r.backoffUntil) {
      b.imageUpdates.backoff.set(registry, r.backoffUntil);
      console.warn(`berth: registry ${registry} asked to slow down; image update checks leave it alone until ${clock(r.backoffUntil)}`);
    }
    if (!r.ok) return asUnknown(reasonOf(r));
    return { ...base, remoteDigest: r.digest, ...compareDigests(ref, r.digest, seen) };
  })()
    .then((view) => record(b, view))
    .finally(() => b.imageUpdates.inflight.delete(key));
  b.imageUpdates.inflight.set(key, p);
  return p;
}

/** Keeps the answer and announces a change of status. */
function record(b: Berth, view: ImageUpdateView): ImageUpdateView {
  const results = b.imageUpdates.forHost(view.hostId);
  const before = results.get(view.image);
  results.set(view.image, view);
  if (before?.status !== view.status) b.fleet.hub.publish({ type: 'image-update', hostId: view.hostId, image: view.image, status: view.status });
  return view;
}

async function runningByRef(rt: HostRuntime): Promise<Map<string, ContainerSummary[]>> {
  const all = rt.synced ? [...rt.containers.values()] : await listContainers(rt);
  const byRef = new Map<string, ContainerSummary[]>();
  for (const c of all.filter((c) => LIVE.has(c.state))) {
    const ref = await refOf(rt, c);
    byRef.set(ref, [...(byRef.get(ref) ?? []), c]);
  }
  return byRef;
}

/**
 * Checks every image reference the host's running containers use (or only `only`), a few at a time; answers no
 * longer used by a running container are forgotten. A whole-host check already running is joined, not repeated.
 */
export function checkHost(b: Berth, hostId: string, only?: string[]): Promise<ImageUpdateView[]> {
  const rt = b.fleet.reachable(hostId);
  const whole = !only?.length;
  const running = whole ? b.imageUpdates.hostChecks.get(hostId) : undefined;
  if (running) return running;
  const p = (async () => {
    const byRef = await runningByRef(rt);
    const insecure = await insecureOf(rt);
    const refs = [...byRef.keys()].filter((r) => whole || only!.includes(r));
    const out: ImageUpdateView[] = [];
    for (let i = 0; i < refs.length; i += CONCURRENCY)
      out.push(...(await Promise.all(refs.slice(i, i + CONCURRENCY).map((ref) => checkRef(b, rt, ref, byRef.get(ref)!, insecure)))));
    if (whole) {
      const results = b.imageUpdates.forHost(hostId);
      for (const ref of [...results.keys()]) if (!byRef.has(ref)) results.delete(ref);
      b.imageUpdates.lastCheckAt.set(hostId, new Date().toISOString());
    }
    return out;
  })().finally(() => {
    if (whole) b.imageUpdates.hostChecks.delete(hostId);
  });
  if (whole) b.imageUpdates.hostChecks.set(hostId, p);
  return p;
}

/** What the images page and the lists show: the last answers for the host, and the schedule. */
export function imageUpdatesOf(b: Berth, hostId: string): ImageUpdatesAnswer {
  b.fleet.runtime(hostId);
  const updates = [...(b.imageUpdates.results.get(hostId)?.values() ?? [])].sort((x, y) => x.image.localeCompare(y.image));
  return {
    updates,
    checking: b.imageUpdates.hostChecks.has(hostId),
    lastCheckAt: b.imageUpdates.lastCheckAt.get(hostId) ?? null,
    nextCheckAt: b.imageUpdates.nextCheckAt,
    backoff: b.imageUpdates.backedOff(),
  };
}

/**
 * Checks every online host every `minutes` (BERTH_IMAGE_UPDATE_MINUTES; 0: only on demand), the first round a minute
 * after the start so a restart does not ask every registry at once. Returns the stop.
 */
export function startImageUpdateSchedule(b: Berth, minutes: number, firstDelayMs = 60_000): () => void {
  if (minutes <= 0) return () => undefined;
  let timer: NodeJS.Timeout;
  const round = async () => {
    for (const h of b.fleet.hosts().filter((h) => h.status === 'online'))
      await checkHost(b, h.id).catch((e: Error) => console.warn(`berth: image update check of host ${h.name} failed: ${e.message}`));
    schedule(minutes * 60_000);
  };
  const schedule = (ms: number) => {
    b.imageUpdates.nextCheckAt = new Date(Date.now() + ms).toISOString();
    timer = setTimeout(() => void round(), ms);
    timer.unref();
  };
  schedule(firstDelayMs);
  return () => {
    clearTimeout(timer);
    b.imageUpdates.nextCheckAt = null;
  };
}
