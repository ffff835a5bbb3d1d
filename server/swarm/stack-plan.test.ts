import { describe, expect, it } from 'vitest';
import type { RawService } from '../docker/swarm-stack-calls';
import { convertOrThrow, planStack, type SwarmState } from './stack-plan';

const empty: SwarmState = { services: [], networks: [], secrets: [], configs: [] };
const running = (spec: RawService['Spec']): RawService => ({ ID: spec.Name, Version: { Index: 1 }, CreatedAt: '', UpdatedAt: '', Spec: spec });

describe('planStack', () => {
  const c = convertOrThrow('shop', 'services:\n  a: { image: x }\n  b: { image: y }\n', '', {});

  it('creates what is not there, with the default network', () => {
    const p = planStack(c, empty, 'm1');
    expect(p.services.map((s) => [s.service, s.action])).toEqual([
      ['a', 'create'],
      ['b', 'create'],
    ]);
    expect(p.networks).toEqual(['shop_default']);
  });

  it('says unchanged for the same spec, update for another, remove for a service the file no longer has', () => {
    const old = convertOrThrow('shop', 'services:\n  b: { image: y2 }\n  gone: { image: z }\n', '', {});
    const state: SwarmState = {
      ...empty,
      services: [running(c.services[0]), ...old.services.map(running)],
      networks: [{ Id: 'n', Name: 'shop_default', Driver: 'overlay', Scope: 'swarm' }],
    };
    const p = planStack(c, state, 'm1');
    expect(p.services.map((s) => [s.service, s.action])).toEqual([
      ['a', 'unchanged'],
      ['b', 'update'],
      ['gone', 'remove'],
    ]);
    expect(p.networks).toEqual([]);
  });

  it('refuses a missing external, and a local network holding a name the stack needs', () => {
    const ext = convertOrThrow('shop', 'services:\n  a: { image: x, networks: [proxy] }\nnetworks:\n  proxy: { external: true }\n', '', {});
    expect(() => planStack(ext, empty, 'm1')).toThrow(/external network proxy, which the swarm of host m1 does not have/);
    const local = { ...empty, networks: [{ Id: 'n', Name: 'shop_default', Driver: 'bridge', Scope: 'local' }] };
    expect(() => planStack(c, local, 'm1')).toThrow(/shop_default exists on host m1 as a local bridge network/);
  });

  it('refuses a bad file with every problem in the details', () => {
    expect(() => convertOrThrow('shop', 'services:\n  a:\n    image: x\n    deploy: { mode: daemon }\n', '', {})).toThrow(/1 problem: line 4/);
  });
});
