import type { ImageUpdateView } from '@/lib/image-update-types';

/**
 * What image update checks keep in memory (the Berth's `imageUpdates`, shared by the custom server's scheduler and
 * Next's route handlers): the last answer per host and image reference, the checks running now (one per reference
 * per host), each registry's back-off, and the schedule. Nothing is stored: a restart checks again.
 */
export class ImageUpdates {
  /** hostId → image reference → the last answer */
  readonly results = new Map<string, Map<string, ImageUpdateView>>();
  /** `${hostId} ${ref}` → the check running now */
  readonly inflight = new Map<string, Promise<ImageUpdateView>>();
  /** hostId → the whole-host check running now */
  readonly hostChecks = new Map<string, Promise<ImageUpdateView[]>>();
  /** registry → until when it is left alone (ms since the epoch), after a 429 or an exhausted rate limit */
  readonly backoff = new Map<string, number>();
  /** hostId → when its last whole-host check ended */
  readonly lastCheckAt = new Map<string, string>();
  nextCheckAt: string | null = null;

  forHost(hostId: string): Map<string, ImageUpdateView> {
    let m = this.results.get(hostId);
    if (!m) this.results.set(hostId, (m = new Map()));
    return m;
  }

  /** Registries still backed off, with until when; expired entries are dropped. */
  backedOff(now = Date.now()): { registry: string; until: string }[] {
    for (const [r, t] of this.backoff) if (t <= now) this.backoff.delete(r);
    return [...this.backoff].map(([registry, t]) => ({ registry, until: new Date(t).toISOString() }));
  }

  /** How many references on the host have an update waiting (for /metrics). */
  availableOn(hostId: string): number {
    return [...(this.results.get(hostId)?.values() ?? [])].filter((v) => v.status === 'update-available').length;
  }

  /** The answer that covers a container, if any. */
  forContainer(hostId: string, containerId: string): ImageUpdateView | null {
    for (const v of this.results.get(hostId)?.values() ?? []) if (v.containers.some((c) => c.id === containerId)) return v;
    return null;
  }
}
