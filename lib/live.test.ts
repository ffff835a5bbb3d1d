import { describe, expect, it } from 'vitest';
import { reduceContainers, reduceHosts } from './live';
import type { ContainerSummary, HostView } from './types';

const c = (hostId: string, id: string, state: ContainerSummary['state'] = 'running'): ContainerSummary => ({
  hostId,
  id,
  name: `n-${id}`,
  image: 'img',
  imageId: 'sha256:x',
  command: '',
  state,
  status: '',
  health: null,
  ports: [],
  created: 0,
  stateSince: null,
  exitCode: null,
  project: null,
  service: null,
});
const h = (id: string, name = id): HostView => ({
  id,
  name,
  kind: 'socket',
  address: '/s',
  status: 'online',
  lastError: null,
  lastSeenAt: null,
  lastCheckedAt: null,
  info: null,
  settings: {},
  createdAt: '',
  updatedAt: '',
});

describe('reduceContainers', () => {
  it('ignores changes until a snapshot gives the full list', () => {
    expect(reduceContainers(undefined, [{ type: 'container', hostId: 'a', container: c('a', '1') }])).toBeUndefined();
  });
  it('applies snapshot, upserts, removals and host replacements in order', () => {
    const out = reduceContainers(undefined, [
      { type: 'snapshot', containers: [c('a', '1'), c('a', '2'), c('b', '1')], hosts: [] },
      { type: 'container', hostId: 'a', container: c('a', '1', 'exited') },
      { type: 'container-removed', hostId: 'a', id: '2' },
      { type: 'host-containers', hostId: 'b', containers: [c('b', '9')] },
    ]);
    expect(out?.map((x) => `${x.hostId}/${x.id}/${x.state}`)).toEqual(['a/1/exited', 'b/9/running']);
  });
  it('drops the containers of a removed host', () => {
    const out = reduceContainers([c('a', '1'), c('b', '1')], [{ type: 'host-removed', hostId: 'a' }]);
    expect(out?.map((x) => x.hostId)).toEqual(['b']);
  });
});

describe('reduceHosts', () => {
  it('upserts and removes hosts, sorted by name', () => {
    const out = reduceHosts(
      [h('1', 'zeta')],
      [
        { type: 'host', host: h('2', 'alpha') },
        { type: 'host', host: { ...h('1', 'zeta'), status: 'offline' } },
        { type: 'host-removed', hostId: '3' },
      ],
    );
    expect(out?.map((x) => `${x.name}:${x.status}`)).toEqual(['alpha:online', 'zeta:offline']);
  });
});
