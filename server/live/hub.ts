import type { LiveMessage } from '@/lib/types';

export type Listener = (msg: LiveMessage) => void;

/** Fan-out of live messages to every open browser stream. Listeners must not throw; a throwing one is dropped. */
export class Hub {
  private listeners = new Set<Listener>();
  /** Berth's own services that follow the stream (stats); not counted as browser streams */
  private internal = new Set<Listener>();

  subscribe(l: Listener, opts: { internal?: boolean } = {}): () => void {
    this.listeners.add(l);
    if (opts.internal) this.internal.add(l);
    return () => {
      this.listeners.delete(l);
      this.internal.delete(l);
    };
  }

  publish(msg: LiveMessage): void {
    for (const l of this.listeners) {
      try {
        l(msg);
      } catch {
        this.listeners.delete(l);
      }
    }
  }

  /** Open browser streams (what /api/health reports, so tests can see closed tabs release theirs). */
  get size(): number {
    return this.listeners.size - this.internal.size;
  }
}
