import { describe, expect, it } from 'vitest';
import { formatPercent, toSeries } from './stats-series';
import type { StatsSample } from './stats-types';

const at = (sec: number, o: Partial<StatsSample> = {}): StatsSample => ({
  t: sec * 1000,
  cpu: 1,
  memUsed: 100,
  memLimit: 1000,
  memPercent: 10,
  netRx: 0,
  netTx: 0,
  blkRead: 0,
  blkWrite: 0,
  pids: 1,
  ...o,
});

describe('toSeries', () => {
  it('charts network and block totals as bytes per second', () => {
    const s = toSeries([at(10, { netRx: 1000, blkWrite: 0 }), at(11, { netRx: 3000, blkWrite: 4096 }), at(13, { netRx: 5000, blkWrite: 4096 })]);
    expect(s.x).toEqual([10, 11, 13]);
    expect(s.netRx).toEqual([null, 2000, 1000]);
    expect(s.blkWrite).toEqual([null, 4096, 0]);
  });

  it('no spike after a restart (totals went down) or across a gap nobody watched', () => {
    const s = toSeries([at(0, { netTx: 9000 }), at(1, { netTx: 10 }), at(60, { netTx: 5000 })]);
    expect(s.netTx).toEqual([null, null, null]);
  });
});

describe('formatPercent', () => {
  it('keeps small values readable', () => {
    expect([formatPercent(0.041), formatPercent(12.345), formatPercent(null)]).toEqual(['0.04%', '12.3%', '—']);
  });
});
