import { describe, expect, it } from 'vitest';
import { asideOf, batches, upgradeTag } from './upgrade-batches';

describe('rolling upgrade batching', () => {
  it('splits replicas into batches of the given size, the last one shorter', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([1, 2, 3], 5)).toEqual([[1, 2, 3]]);
    expect(batches([1, 2], 0)).toEqual([[1], [2]]);
    expect(batches([], 3)).toEqual([]);
  });

  it('recognizes the containers an upgrade set aside, and only those', () => {
    const tag = upgradeTag('0a1b2c3d-4e5f-6789-abcd-ef0123456789');
    expect(tag).toBe('up0a1b2c3d');
    expect(asideOf(`shop-web-2-old-${tag}`)).toBe('shop-web-2');
    expect(asideOf('shop-web-2-old-3f9a')).toBeNull();
    expect(asideOf('shop-web-2')).toBeNull();
  });
});
