import { CONTAINER_ACTION_PAST } from './container-states';
import { containerHref, enc, H, named, on, R, type Rule, simple, str } from './activity-parts';

/** The Activity page's sentences for a host and what runs on it: containers, images, volumes, networks. */

export const HOST_RULES: Rule[] = [
  [
    'POST',
    R('/api/v1/hosts'),
    simple(
      (p) => named('added', 'host', p.body.name),
      () => '/hosts',
    ),
  ],
  [
    'PATCH',
    R(H),
    simple(
      (p) => `changed host ${p.host}`,
      (p) => `/hosts/${enc(p.hostId)}`,
    ),
  ],
  ['DELETE', R(H), simple((p) => `removed host ${p.host}`)],
  [
    'POST',
    R(`${H}/containers`),
    simple(
      (p) => `${named('created', 'container', p.body.name)}${on(p)}`,
      () => '/containers',
    ),
  ],
  ['DELETE', R(`${H}/containers/\\{cid\\}`), simple((p) => `removed container ${p.t.cid}${on(p)}`)],
  [
    'POST',
    R(`${H}/containers/\\{cid\\}/recreate`),
    simple(
      (p) => `recreated container ${p.t.cid}${on(p)}`,
      () => '/containers',
    ),
  ],
  [
    'POST',
    R(`${H}/containers/\\{cid\\}/\\{action\\}`),
    (p) => ({
      text: `${(CONTAINER_ACTION_PAST as Record<string, string>)[p.t.action] ?? p.t.action} container ${p.t.cid}${on(p)}`,
      href: p.t.action === 'remove' || p.t.action === 'rename' ? undefined : containerHref(p, p.t.cid),
    }),
  ],
  [
    'POST',
    R(`${H}/images/pull`),
    simple(
      (p) => `pulled image ${str(p.body.ref) ?? ''}${on(p)}`,
      () => '/images',
    ),
  ],
  [
    'POST',
    R(`${H}/images/build`),
    simple(
      (p) => `built an image${on(p)}`,
      () => '/images',
    ),
  ],
  [
    'POST',
    R(`${H}/images/prune`),
    simple(
      (p) => `pruned unused images${on(p)}`,
      () => '/images',
    ),
  ],
  [
    'POST',
    R(`${H}/images/\\{iid\\}/tag`),
    simple(
      (p) => `tagged image ${p.t.iid} as ${str(p.body.ref) ?? '?'}${on(p)}`,
      () => '/images',
    ),
  ],
  ['DELETE', R(`${H}/images/\\{iid\\}`), simple((p) => `removed image ${p.t.iid}${on(p)}`)],
  [
    'POST',
    R(`${H}/volumes`),
    simple(
      (p) => `${named('created', 'volume', p.body.name)}${on(p)}`,
      () => '/volumes',
    ),
  ],
  [
    'POST',
    R(`${H}/volumes/prune`),
    simple(
      (p) => `pruned unused volumes${on(p)}`,
      () => '/volumes',
    ),
  ],
  ['DELETE', R(`${H}/volumes/\\{name\\}`), simple((p) => `removed volume ${p.t.name}${on(p)}`)],
  [
    'POST',
    R(`${H}/networks`),
    simple(
      (p) => `${named('created', 'network', p.body.name)}${on(p)}`,
      () => '/networks',
    ),
  ],
  [
    'POST',
    R(`${H}/networks/\\{nid\\}/connect`),
    simple(
      (p) => `connected ${str(p.body.container) ?? 'a container'} to network ${p.t.nid}${on(p)}`,
      () => '/networks',
    ),
  ],
  [
    'POST',
    R(`${H}/networks/\\{nid\\}/disconnect`),
    simple(
      (p) => `disconnected ${str(p.body.container) ?? 'a container'} from network ${p.t.nid}${on(p)}`,
      () => '/networks',
    ),
  ],
  ['DELETE', R(`${H}/networks/\\{nid\\}`), simple((p) => `removed network ${p.t.nid}${on(p)}`)],
];
