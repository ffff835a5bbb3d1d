import { describe, expect, it } from 'vitest';
import { Ring } from './ring';

const at = (t: number) => ({ t });

describe('Ring', () => {
  it('keeps the newest `capacity` items, oldest first', () => {
    const r = new Ring<{ t: number }>(3);
    expect(r.toArray()).toEqual([]);
    expect(r.last()).toBeUndefined();
    for (const t of [1, 2, 3, 4, 5]) r.push(at(t));
    expect(r.toArray().map((x) => x.t)).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
    expect(r.last()).toEqual(at(5));
  });

  it('an hour of 1 Hz samples stays an hour, whatever runs longer', () => {
    const r = new Ring<{ t: number }>(3600);
    for (let t = 0; t < 7200; t++) r.push(at(t * 1000));
    const all = r.toArray();
    expect(all).toHaveLength(3600);
    expect(all[0].t).toBe(3600 * 1000);
  });

  it('drops what aged out, across the wrap point', () => {
    const r = new Ring<{ t: number }>(4);
    for (const t of [1, 2, 3, 4, 5, 6]) r.push(at(t));
    r.dropBefore(5);
    expect(r.toArray().map((x) => x.t)).toEqual([5, 6]);
    r.push(at(7));
    expect(r.toArray().map((x) => x.t)).toEqual([5, 6, 7]);
    r.dropBefore(100);
    expect(r.size).toBe(0);
    expect(r.last()).toBeUndefined();
  });
});
