import { named, R, type Rule, simple, str } from './activity-parts';

/**
 * The Activity page's sentences for Berth's own objects (users, grants, API tokens, registry credentials, catalog
 * sources) and for sign-ins and terminals.
 */
export const ACCESS_RULES: Rule[] = [
  [
    'POST',
    R('/api/v1/users'),
    simple(
      (p) => named('added', 'user', p.body.username),
      () => '/users',
    ),
  ],
  [
    'PATCH',
    R('/api/v1/users/\\{uid\\}'),
    simple(
      () => 'changed a user',
      () => '/users',
    ),
  ],
  [
    'DELETE',
    R('/api/v1/users/\\{uid\\}'),
    simple(
      () => 'removed a user',
      () => '/users',
    ),
  ],
  [
    'POST',
    R('/api/v1/grants'),
    simple(
      (p) => `granted ${str(p.body.role) ?? 'a role'} to ${str(p.body.subject) ?? '?'}`,
      () => '/users',
    ),
  ],
  [
    'DELETE',
    R('/api/v1/grants/\\{gid\\}'),
    simple(
      () => 'revoked a role',
      () => '/users',
    ),
  ],
  [
    'POST',
    R('/api/v1/auth/tokens'),
    simple(
      () => 'created an API token',
      () => '/settings',
    ),
  ],
  [
    'DELETE',
    R('/api/v1/auth/tokens/\\{tid\\}'),
    simple(
      () => 'revoked an API token',
      () => '/settings',
    ),
  ],
  [
    'POST',
    R('/api/v1/registries'),
    simple(
      () => 'added registry credentials',
      () => '/settings',
    ),
  ],
  [
    'DELETE',
    R('/api/v1/registries/\\{rid\\}'),
    simple(
      () => 'removed registry credentials',
      () => '/settings',
    ),
  ],
  [
    'POST',
    R('/api/v1/catalog/sources'),
    simple(
      (p) => named('added', 'catalog source', p.body.name),
      () => '/settings#catalog-sources',
    ),
  ],
  [
    'POST',
    R('/api/v1/catalog/sources/\\{sid\\}/refresh'),
    simple(
      (p) => `refreshed catalog source ${p.t.sid}`,
      () => '/settings#catalog-sources',
    ),
  ],
  ['DELETE', R('/api/v1/catalog/sources/\\{sid\\}'), simple((p) => `removed catalog source ${p.t.sid}`)],
];

export const EVENTS: Record<string, string> = {
  'auth.setup': 'set Berth up',
  'auth.login.form': 'signed in',
  'auth.login.api': 'signed in through the API',
  'auth.login.github': 'signed in with GitHub',
  'auth.membership.changed': 'GitHub team membership changed',
  'auth.membership.revoked': 'lost access (GitHub membership)',
  'exec.open': 'opened a terminal',
};
