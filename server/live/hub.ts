import type { LiveMessage } from '@/lib/types';

export type Listener = (msg: LiveMessage) => void;

/** Fan-out of live messages to every open browser stream. Listeners must not throw; a throwing one is dropped. */
export class Hub {
  private listeners = new Set<Listener>();

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
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

  get size(): number {
    return this.listeners.size;
  }
}
