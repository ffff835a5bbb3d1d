import { describe, expect, it } from 'vitest';
import { toVolume, usersByVolume } from './volumes';

const containers = [
  {
    Id: 'c1',
    Names: ['/web'],
    State: 'running',
    Mounts: [
      { Type: 'volume', Name: 'data' },
      { Type: 'bind', Source: '/etc' },
      { Type: 'volume', Name: 'data' },
    ],
    NetworkSettings: { Networks: { front: { NetworkID: 'n1', IPAddress: '10.0.0.2' }, back: { NetworkID: 'n2', IPAddress: '' } } },
  },
  {
    Id: 'c2',
    Names: ['/db'],
    State: 'exited',
    Mounts: [{ Type: 'volume', Name: 'data' }],
    NetworkSettings: { Networks: { back: { NetworkID: 'n2', IPAddress: '' } } },
  },
];

describe('volumes', () => {
  it('maps volume mounts to containers once each', () => {
    const m = usersByVolume(containers as never);
    expect(m.get('data')).toEqual([
      { id: 'c1', name: 'web', state: 'running' },
      { id: 'c2', name: 'db', state: 'exited' },
    ]);
    expect(m.size).toBe(1);
  });

  it('shows a volume size only when the Engine computed it', () => {
    const v = { Name: 'data', Driver: 'local', Mountpoint: '/m', Labels: null, Scope: 'local', Options: null } as never;
    expect(toVolume('h', v, [])).toMatchObject({ size: null, labels: {}, options: {}, created: null });
    expect(toVolume('h', { ...(v as object), UsageData: { Size: -1, RefCount: 0 } } as never, []).size).toBeNull();
    expect(toVolume('h', { ...(v as object), UsageData: { Size: 2048, RefCount: 1 } } as never, []).size).toBe(2048);
  });
});
