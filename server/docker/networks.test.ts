import { describe, expect, it } from 'vitest';
import { attachedByNetwork, toNetwork } from './networks';

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

describe('who is attached to a network', () => {
  it('maps network attachments by network id, stopped containers included', () => {
    const m = attachedByNetwork(containers as never);
    expect(m.get('n1')).toEqual([{ id: 'c1', name: 'web', state: 'running', ipAddress: '10.0.0.2' }]);
    expect(m.get('n2')!.map((c) => [c.name, c.ipAddress])).toEqual([
      ['web', null],
      ['db', null],
    ]);
  });
});

describe('reshaping', () => {
  it('turns a network into a summary with IPAM and the predefined flag', () => {
    const n = toNetwork(
      'h',
      {
        Id: 'n',
        Name: 'bridge',
        Driver: 'bridge',
        Scope: 'local',
        Created: 't',
        Internal: false,
        Attachable: false,
        Ingress: false,
        EnableIPv6: false,
        ConfigOnly: false,
        IPAM: { Config: [{ Subnet: '10.0.0.0/24', Gateway: '10.0.0.1' }] },
      },
      [],
    );
    expect(n).toMatchObject({ predefined: true, ipam: [{ subnet: '10.0.0.0/24', gateway: '10.0.0.1', ipRange: null }], labels: {}, options: {} });
    expect(toNetwork('h', { Id: 'x', Name: 'app', Driver: 'bridge' } as never, []).predefined).toBe(false);
  });
});
