import type { AuditView } from './auth-types';
import { type ActivitySentence, H, on, type Parts, R, type Rule, stackHref, str } from './activity-parts';

/** The Activity page's sentences for stacks: their routes, catalog launches and upgrades, and the entries operations write. */

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

export const STACK_RULES: Rule[] = [
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

/** The entries written by stack operations and the health agent (not requests); undefined for any other action. */
export function describeStackEvent(e: Pick<AuditView, 'action' | 'target' | 'result'>, p: Parts): ActivitySentence | undefined {
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
  return undefined;
}
