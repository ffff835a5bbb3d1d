import type { Berth } from '../berth';
import { imageIdOf } from '../docker/images';
import { pullImage } from '../images/pull';
import type { HasHealth, ProbeImageStatus } from './memory';
import { probeConfig } from './probe';
import { backoffMs } from './state';

/**
 * The probe image (BERTH_HEALTH_PROBE_IMAGE) must be on every host that runs checks. A fresh host lacks it, so the
 * checker pulls it once per host (with the stored credentials of its registry, through the same pull code as the
 * Images page). One pull per host and image at a time; a failed pull is retried with backoff (10 s, 20 s … 5 min),
 * not on every tick. While the image is not there, checks of that host are paused (a missing probe image is Berth's
 * problem, not the container's: it must not make a container unhealthy, let alone get it recreated).
 */
export const probeImageTuning = { retryBaseMs: 10_000 };

export interface ProbeImageState {
  image: string;
  status: ProbeImageStatus['kind'];
  /** pulls tried (and failed) since the image was last there */
  attempts: number;
  error: string | null;
}

const keyOf = (hostId: string, image: string) => `${hostId}\n${image}`;

/** For the UI, the health API and tests. */
export function probeImageState(b: HasHealth, hostId: string, image = probeConfig.image): ProbeImageState {
  const s = b.health.probeImages.get(keyOf(hostId, image)) ?? { kind: 'unknown' };
  return { image, status: s.kind, attempts: s.kind === 'failed' ? s.attempts : 0, error: s.kind === 'failed' ? s.error : null };
}

/** The probe reported the image gone (someone removed it): look again on the next tick. */
export function forgetProbeImage(b: HasHealth, hostId: string, image = probeConfig.image): void {
  b.health.probeImages.delete(keyOf(hostId, image));
}

/**
 * null when checks can run on the host now; otherwise why not (shown as the containers' last error). Never waits for
 * a pull: it starts one in the background and answers at once.
 */
export async function probeImageBlocker(b: Berth, hostId: string): Promise<string | null> {
  const image = probeConfig.image;
  const key = keyOf(hostId, image);
  const map = b.health.probeImages;
  const s: ProbeImageStatus = map.get(key) ?? { kind: 'unknown' };
  if (s.kind === 'ready') return null;
  if (s.kind === 'pulling') return `pulling the probe image ${image} (BERTH_HEALTH_PROBE_IMAGE) onto this host; checks start when it is there`;
  if (s.kind === 'failed' && Date.now() < s.retryAt) return s.error;
  // look first (also before a retry: the image may have been pulled or loaded by hand meanwhile)
  const engine = b.fleet.runtime(hostId).engine;
  const present = await imageIdOf(engine, image).then(
    (id) => id !== null,
    () => null,
  );
  if (present === null) return `could not look for the probe image ${image} on this host (the Engine did not answer); trying again`;
  if (present) {
    map.set(key, { kind: 'ready' });
    return null;
  }
  const attempts = s.kind === 'failed' ? s.attempts : 0;
  map.set(key, { kind: 'pulling' });
  void pullImage(b, hostId, image).then(
    () => map.set(key, { kind: 'ready' }),
    (e: Error) => {
      const n = attempts + 1;
      const wait = backoffMs(n, probeImageTuning.retryBaseMs);
      const error = `the probe image ${image} (BERTH_HEALTH_PROBE_IMAGE) is not on this host and could not be pulled: ${e.message}. Add the registry's credentials under Settings → Registries, or set BERTH_HEALTH_PROBE_IMAGE to a busybox image the host has; next try in ${Math.round(wait / 1000)} s`;
      map.set(key, { kind: 'failed', error, attempts: n, retryAt: Date.now() + wait });
      console.warn(`berth: health: ${error}`);
    },
  );
  return `pulling the probe image ${image} (BERTH_HEALTH_PROBE_IMAGE) onto this host; checks start when it is there`;
}
