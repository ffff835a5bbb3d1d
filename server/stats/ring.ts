/**
 * A fixed-size ring of timestamped items, oldest first. Pushing past capacity drops the oldest, so memory per
 * container is bounded (3,600 one-second samples ≈ an hour) however long someone watches.
 */
export class Ring<T extends { t: number }> {
  private items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  last(): T | undefined {
    return this.count ? this.items[(this.start + this.count - 1) % this.capacity] : undefined;
  }

  /** Drops items older than `cutoff` (unix ms). */
  dropBefore(cutoff: number): void {
    while (this.count && this.items[this.start]!.t < cutoff) {
      this.items[this.start] = undefined;
      this.start = (this.start + 1) % this.capacity;
      this.count--;
    }
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity]!);
    return out;
  }
}
