import type { AuditView } from './auth-types';

/**
 * The Activity page's reading of an audit entry: "deployed stack wp on vm", "removed container web-1 on a", with a
 * link to the object when it still exists. The store keeps the route template ("POST /api/v1/hosts/{id}/…") so entries
 * group and filter by action; this turns one into words. Pure (unit-tested in activity-sentence.test.ts).
 */
export interface ActivitySentence {
  text: string;
  href?: string;
}

type Entry = Pick<AuditView, 'action' | 'target' | 'hostId' | 'status' | 'result' | 'details'>;
type Parts = { host: string; hostId: string; t: Record<string, string>; body: Record<string, unknown>; status: number | null; result: AuditView['result'] };
type Rule = [method: string, path: RegExp, say: (p: Parts) => ActivitySentence];

const enc = encodeURIComponent;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
const on = (p: Parts) => (p.host ? ` on ${p.host}` : '');
const stackHref = (p: Parts, name: string) => `/stacks/${enc(p.hostId)}/${enc(name)}`;
const containerHref = (p: Parts, cid: string) => `/hosts/${enc(p.hostId)}/containers/${enc(cid)}`;

/** "name=wp action=stop" → { name: 'wp', action: 'stop' } (values never contain spaces: they are path segments) */
export function parseTarget(target: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (target ?? '').split(' ')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

const CONTAINER_VERBS: Record<string, string> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  kill: 'killed',
  pause: 'paused',
  unpause: 'unpaused',
  rename: 'renamed',
  remove: 'removed',
};
const STACK_VERBS: Record<string, string> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  down: 'took down',
  deploy: 'deployed',
  rollback: 'rolled back',
  scale: 'scaled',
  adopt: 'adopted',
  upgrade: 'upgraded',
  'upgrade-finish': 'finished the upgrade of',
  'upgrade-rollback': 'rolled back the upgrade of',
};
const STACK_NOUNS: Record<string, string> = {
  deploy: 'deploy',
  rollback: 'rollback',
  scale: 'scale',
  adopt: 'adoption',
  upgrade: 'upgrade',
  'upgrade-finish': 'upgrade finish',
  'upgrade-rollback': 'upgrade rollback',
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  down: 'down',
};

const stack =
  (verb: string, noun = verb) =>
  (p: Parts): ActivitySentence => {
    const name = p.t.name ?? str(p.body.name) ?? '?';
    // a 202 was accepted, not done: the outcome arrives as its own stack.<kind> entry when the operation ends
    const text = p.status === 202 ? `${noun} of stack ${name}${on(p)} started` : `${verb} stack ${name}${on(p)}`;
    return { text, href: verb === 'removed' ? undefined : stackHref(p, name) };
  };
const opStack = (kind: string) => stack(STACK_VERBS[kind] ?? kind, STACK_NOUNS[kind] ?? kind);
/** "created container web-1", or "created a container" when the request did not name it */
const named = (verb: string, kind: string, name: unknown) => (str(name) ? `${verb} ${kind} ${str(name)}` : `${verb} a ${kind}`);
const simple =
  (text: (p: Parts) => string, href?: (p: Parts) => string | undefined) =>
  (p: Parts): ActivitySentence => ({ text: text(p), href: href?.(p) });

const H = '/api/v1/hosts/\\{id\\}';
const R = (s: string) => new RegExp(`^${s}$`);
const RULES: Rule[] = [
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
      text: `${CONTAINER_VERBS[p.t.action] ?? p.t.action} container ${p.t.cid}${on(p)}`,
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
  ['POST', R(`${H}/stacks`), (p) => stack('created')({ ...p, t: { name: str(p.body.name) ?? '?' } })],
  [
    'POST',
    R(`${H}/catalog/\\{template\\}/deploy`),
    (p) => {
      const name = str(p.body.stack) ?? '?';
      const what = `${p.t.template ?? 'a template'} as stack ${name}${on(p)}`;
      return { text: p.status === 202 ? `launch of ${what} started` : `launched ${what}`, href: stackHref(p, name) };
    },
  ],
  ['PUT', R(`${H}/stacks/\\{name\\}`), stack('saved')],
  ['DELETE', R(`${H}/stacks/\\{name\\}`), stack('removed')],
  ['POST', R(`${H}/stacks/\\{name\\}/deploy`), opStack('deploy')],
  ['POST', R(`${H}/stacks/\\{name\\}/rollback`), opStack('rollback')],
  ['POST', R(`${H}/stacks/\\{name\\}/scale`), opStack('scale')],
  ['POST', R(`${H}/stacks/\\{name\\}/adopt`), opStack('adopt')],
  ['POST', R(`${H}/stacks/\\{name\\}/upgrade`), opStack('upgrade')],
  ['POST', R(`${H}/stacks/\\{name\\}/upgrade/finish`), opStack('upgrade-finish')],
  ['POST', R(`${H}/stacks/\\{name\\}/upgrade/rollback`), opStack('upgrade-rollback')],
  ['PUT', R(`${H}/stacks/\\{name\\}/folder`), stack('uploaded the folder of')],
  ['POST', R(`${H}/stacks/\\{name\\}/folder`), stack('uploaded the folder of')],
  ['PUT', R(`${H}/stacks/\\{name\\}/env`), stack('changed the environment of')],
  ['POST', R(`${H}/stacks/\\{name\\}/\\{action\\}`), (p) => opStack(p.t.action)(p)],
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
  [
    'POST',
    R(`${H}/stacks/\\{name\\}/catalog/upgrade`),
    (p) => {
      const to = str(p.body.version) ? ` to template version ${str(p.body.version)}` : '';
      // a plan changes nothing (it is read as a preview), a 202 was accepted: the outcome is its own entry
      if (p.body.plan === true) return { text: `planned the catalog upgrade of stack ${p.t.name}${to}${on(p)}`, href: stackHref(p, p.t.name) };
      const text = p.status === 202 ? `catalog upgrade of stack ${p.t.name}${to}${on(p)} started` : `upgraded stack ${p.t.name}${to}${on(p)}`;
      return { text, href: stackHref(p, p.t.name) };
    },
  ],
];

const EVENTS: Record<string, string> = {
  'auth.setup': 'set Berth up',
  'auth.login.form': 'signed in',
  'auth.login.api': 'signed in through the API',
  'auth.login.github': 'signed in with GitHub',
  'auth.membership.changed': 'GitHub team membership changed',
  'auth.membership.revoked': 'lost access (GitHub membership)',
  'exec.open': 'opened a terminal',
};

/** One audit entry, as a sentence with a link; anything unknown reads as its raw action rather than a wrong guess. */
export function describeActivity(e: Entry, hostName: string | null): ActivitySentence {
  const p: Parts = {
    host: hostName ?? '',
    hostId: e.hostId ?? '',
    t: parseTarget(e.target),
    body: e.details && typeof e.details === 'object' && !Array.isArray(e.details) ? (e.details as Record<string, unknown>) : {},
    status: e.status,
    result: e.result,
  };
  const m = /^([A-Z]+) (\/\S*)$/.exec(e.action);
  if (m) {
    const rule = RULES.find(([method, path]) => method === m[1] && path.test(m[2]));
    return rule ? rule[2](p) : { text: e.action };
  }
  // the outcome of a stack operation (server/stacks/operations.ts), written when it ends
  const op = /^stack\.([a-z-]+)$/.exec(e.action);
  if (op && STACK_VERBS[op[1]]) {
    const name = p.t.name ?? '?';
    const href = stackHref(p, name);
    if (e.result === 'ok') return { text: `${STACK_VERBS[op[1]]} stack ${name}${on(p)}`, href };
    return { text: `${STACK_NOUNS[op[1]]} of stack ${name}${on(p)} failed`, href };
  }
  if (e.action === 'stack.health.recreate') {
    const [stackName, container] = (e.target ?? '').split('/');
    return { text: `recreated unhealthy container ${container ?? '?'} of stack ${stackName}${on(p)}`, href: stackHref(p, stackName) };
  }
  if (e.action === 'stack.health') {
    const [stackName, container] = (e.target ?? '').split('/');
    const move = p.body as { from?: string; to?: string };
    return { text: `container ${container ?? '?'} of stack ${stackName} went ${move.from ?? '?'} → ${move.to ?? '?'}${on(p)}`, href: stackHref(p, stackName) };
  }
  const event = EVENTS[e.action];
  return event ? { text: `${event}${e.action === 'exec.open' ? on(p) : ''}` } : { text: e.action };
}
