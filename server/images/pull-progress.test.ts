import { describe, expect, it } from 'vitest';
import { initialPullState, type PullEvent, pullFraction, reducePull } from './pull-progress';

// Recorded from daemon A pulling the harness's three-layer image (ids shortened as the Engine sends them).
const stream: PullEvent[] = [
  { status: 'Pulling from berth-test/layers', id: 'latest' },
  { status: 'Already exists', progressDetail: {}, id: 'fc5a7242b9b2' },
  { status: 'Pulling fs layer', progressDetail: {}, id: '46773873df34' },
  { status: 'Pulling fs layer', progressDetail: {}, id: 'be53448ff899' },
  { status: 'Downloading', progressDetail: { current: 32768, total: 2097947 }, id: '46773873df34' },
  { status: 'Downloading', progressDetail: { current: 1048576, total: 3146844 }, id: 'be53448ff899' },
  { status: 'Verifying Checksum', progressDetail: {}, id: '46773873df34' },
  { status: 'Download complete', progressDetail: {}, id: '46773873df34' },
  { status: 'Extracting', progressDetail: { current: 1048576, total: 2097947 }, id: '46773873df34' },
];
const fold = (events: PullEvent[]) => events.reduce(reducePull, initialPullState);

describe('pull progress reducer', () => {
  it('keeps one row per layer in first-seen order, with the Engine status and byte counts', () => {
    const s = fold(stream);
    expect(s.layers.map((l) => l.id)).toEqual(['fc5a7242b9b2', '46773873df34', 'be53448ff899']);
    expect(s.layers[0]).toMatchObject({ status: 'Already exists', fraction: 1 });
    expect(s.layers[1]).toMatchObject({ status: 'Extracting', current: 1048576, total: 2097947 });
    expect(s.layers[1].fraction).toBeCloseTo(0.7 + 0.3 * (1048576 / 2097947));
    expect(s.layers[2]).toMatchObject({ status: 'Downloading', current: 1048576, total: 3146844 });
    expect(s.layers[2].fraction).toBeCloseTo(0.7 * (1048576 / 3146844));
    expect(s.message).toBe('Pulling from berth-test/layers');
  });

  it('reaches 1 when every layer is complete, and keeps the digest', () => {
    const s = fold([
      ...stream,
      { status: 'Pull complete', progressDetail: {}, id: '46773873df34' },
      { status: 'Pull complete', progressDetail: {}, id: 'be53448ff899' },
      { status: `Digest: sha256:${'3'.repeat(64)}` },
      { status: 'Status: Downloaded newer image for 127.0.0.1:5000/berth-test/layers:latest' },
    ]);
    expect(pullFraction(s)).toBe(1);
    expect(s.digest).toBe(`sha256:${'3'.repeat(64)}`);
    expect(s.message).toMatch(/^Status: Downloaded newer image/);
  });

  it('never moves a layer backwards on a late message', () => {
    const s = fold([...stream, { status: 'Downloading', progressDetail: { current: 10, total: 2097947 }, id: '46773873df34' }]);
    expect(s.layers[1].fraction).toBeGreaterThan(0.7);
  });

  it('has no fraction before any layer, and records an error message', () => {
    expect(pullFraction(fold(stream.slice(0, 1)))).toBeNull();
    const s = fold([...stream, { errorDetail: { message: 'unauthorized: authentication required' }, error: 'unauthorized: authentication required' }]);
    expect(s.error).toBe('unauthorized: authentication required');
  });
});
