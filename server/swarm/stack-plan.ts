import type { SwarmStackPlan } from '@/lib/swarm-stack-types';
import { listStackObjects, listStackServices, networksNamed, type RawNetwork, type RawObject, type RawService } from '../docker/swarm-stack-calls';
import type { Engine } from '../docker/connect';
import { conflict, invalid } from '../errors';
import { convertStack } from './stack-convert';
import { type ConvertedStack, NAMESPACE_LABEL, SPEC_HASH_LABEL } from './stack-spec';

/** What the swarm holds of a stack and of the names its file uses. */
export interface SwarmState {
  services: RawService[];
  networks: RawNetwork[];
  secrets: RawObject[];
  configs: RawObject[];
}

/** The file converted, or a 400 listing its problems (at most five in the message, all in details). */
export function convertOrThrow(stack: string, compose: string, env: string, files: Record<string, string>): ConvertedStack {
  const r = convertStack({ stack, compose, env, files });
  if (r.ok) return r.stack;
  const text = r.issues.slice(0, 5).map((i) => (i.line ? `line ${i.line}, column ${i.col}: ${i.message}` : i.message));
  throw invalid(`The stack file has ${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}: ${text.join('; ')}`, { issues: r.issues });
}

export async function readState(engine: Engine, c: ConvertedStack): Promise<SwarmState> {
  const [services, networks, secrets, configs] = await Promise.all([
    listStackServices(engine, c.stack),
    networksNamed(engine, [...c.networks.map((n) => n.Name), ...c.external.networks]),
    listStackObjects(engine, 'secrets', { names: [...c.secrets.map((s) => s.Name), ...c.external.secrets] }),
    listStackObjects(engine, 'configs', { names: [...c.configs.map((s) => s.Name), ...c.external.configs] }),
  ]);
  return { services, networks, secrets, configs };
}

/**
 * Pure: what a deploy of `c` would do on a swarm in `state`. Refuses (409) what would fail part-way: an external
 * network, secret or config that is not there, or a name the stack would create that something else holds as a
 * network of another kind.
 */
export function planStack(c: ConvertedStack, state: SwarmState, hostName: string): SwarmStackPlan {
  const netNames = new Set(state.networks.map((n) => n.Name));
  const missing = [
    ...c.external.networks.filter((n) => !netNames.has(n)).map((n) => `network ${n}`),
    ...c.external.secrets.filter((n) => !state.secrets.some((s) => s.Spec.Name === n)).map((n) => `secret ${n}`),
    ...c.external.configs.filter((n) => !state.configs.some((s) => s.Spec.Name === n)).map((n) => `config ${n}`),
  ];
  if (missing.length)
    throw conflict(
      `The stack file uses external ${missing.join(', ')}, which the swarm of host ${hostName} does not have; create ${missing.length === 1 ? 'it' : 'them'} first`,
    );
  for (const n of c.networks) {
    const held = state.networks.find((x) => x.Name === n.Name);
    if (held && (held.Scope !== 'swarm' || held.Driver !== 'overlay'))
      throw conflict(
        `Network ${n.Name} exists on host ${hostName} as a ${held.Scope ?? 'local'} ${held.Driver} network; remove or rename it, since this stack needs an overlay network of that name`,
      );
  }
  const existing = new Map(state.services.map((s) => [s.Spec.Name, s]));
  const wanted = new Set(c.services.map((s) => s.Name));
  const short = (name: string) => name.slice(c.stack.length + 1);
  const services: SwarmStackPlan['services'] = c.services.map((s) => {
    const had = existing.get(s.Name);
    const action = !had ? 'create' : had.Spec.Labels?.[SPEC_HASH_LABEL] === s.Labels[SPEC_HASH_LABEL] ? 'unchanged' : 'update';
    return { name: s.Name, service: short(s.Name), image: s.TaskTemplate.ContainerSpec.Image, action };
  });
  for (const s of state.services)
    if (!wanted.has(s.Spec.Name) && s.Spec.Labels?.[NAMESPACE_LABEL] === c.stack)
      services.push({ name: s.Spec.Name, service: short(s.Spec.Name), image: s.Spec.TaskTemplate?.ContainerSpec?.Image ?? '', action: 'remove' });
  return {
    stack: c.stack,
    services,
    networks: c.networks.filter((n) => !netNames.has(n.Name)).map((n) => n.Name),
    secrets: c.secrets.filter((o) => !state.secrets.some((s) => s.Spec.Name === o.Name)).map((o) => o.Name),
    configs: c.configs.filter((o) => !state.configs.some((s) => s.Spec.Name === o.Name)).map((o) => o.Name),
    warnings: c.warnings,
  };
}
