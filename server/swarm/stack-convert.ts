import crypto from 'node:crypto';
import type { ComposeIssue } from '@/lib/compose-types';
import { toMap } from '../compose/key-values';
import { type StackLoad, loadStackFile } from './stack-load';
import { convertService, type ServiceContext } from './stack-convert-service';
import { type ConvertedStack, NAMESPACE_LABEL, type NetworkCreate, type ObjectCreate, SPEC_HASH_LABEL } from './stack-spec';

/**
 * A compose file → what `docker stack deploy` would make of it on a swarm, as docker/cli's convert package does it:
 * services `<stack>_<svc>`, networks, secrets, configs and named volumes `<stack>_<key>` (unless external or named),
 * each labelled `com.docker.stack.namespace=<stack>` so `docker stack ls/ps/services/rm` treat them as the CLI's
 * own; the default network is `<stack>_default`, an overlay. Pure: the deploy reads the swarm and calls the Engine.
 */

/** A Swarm stack (namespace) name: what the CLI accepts and Engine object names can carry. */
const STACK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
/** swarmkit's rule for a service name, which `<stack>_<svc>` must follow */
const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;

interface ConvertInput {
  stack: string;
  compose: string;
  /** .env text: ${VAR} in the file, and secrets/configs with `environment:` */
  env?: string;
  /** the stack's files (path relative to the stack's folder → text): secrets/configs with `file:` and env_file */
  files?: Record<string, string>;
}

type ConvertResult = { ok: true; stack: ConvertedStack } | { ok: false; issues: ComposeIssue[] };

export function convertStack(input: ConvertInput): ConvertResult {
  const loaded = loadStackFile(input.compose, input.env ?? '');
  if (!loaded.ok) return loaded;
  return convertLoaded(input.stack, loaded, input.files ?? {});
}

function convertLoaded(stack: string, loaded: Extract<StackLoad, { ok: true }>, files: Record<string, string>): ConvertResult {
  const issues: ComposeIssue[] = [];
  const report = (path: (string | number)[], message: string) => issues.push({ message, path: path.join('.'), ...loaded.position(path) });
  if (!STACK_NAME.test(stack) || stack.length > 40)
    report([], `stack name "${stack}" may use letters, digits, "_" and "-" (40 at most), starting with a letter or digit`);
  const { file, env } = loaded;
  const ns = { [NAMESPACE_LABEL]: stack };
  const scoped = (key: string, own?: string) => own ?? `${stack}_${key}`;

  const networks: NetworkCreate[] = [];
  const networkNames: Record<string, string> = {};
  const external: ConvertedStack['external'] = { networks: [], secrets: [], configs: [] };
  const declared = { ...(file.networks ?? {}) };
  const usesDefault = Object.values(file.services).some((s) => !s.networks);
  if (usesDefault && !('default' in declared)) declared.default = null;
  for (const [key, n] of Object.entries(declared)) {
    if (n?.external) {
      const name = typeof n.external === 'object' ? n.external.name : (n.name ?? key);
      networkNames[key] = name;
      external.networks.push(name);
      continue;
    }
    const name = scoped(key, n?.name);
    networkNames[key] = name;
    const driver = n?.driver ?? 'overlay';
    if (driver !== 'overlay')
      report(['networks', key, 'driver'], `network ${key} uses driver ${driver}; a stack's networks span the swarm's nodes, so use overlay`);
    networks.push({
      key,
      Name: name,
      Driver: driver,
      Labels: { ...toMap(n?.labels), ...ns },
      Options: toMap(n?.driver_opts as Record<string, unknown>),
      Internal: !!n?.internal,
      Attachable: !!n?.attachable,
    });
  }

  const objects = (kind: 'secrets' | 'configs'): { creates: ObjectCreate[]; names: Record<string, string> } => {
    const creates: ObjectCreate[] = [];
    const names: Record<string, string> = {};
    for (const [key, o] of Object.entries(file[kind] ?? {})) {
      const path = [kind, key];
      const sources = (['file', 'environment', 'content', 'external'] as const).filter((k) => o[k] !== undefined && o[k] !== false);
      if (kind === 'secrets' && o.content !== undefined)
        report([...path, 'content'], `secret ${key}: content: is for configs only; give the secret a file: or environment:`);
      if (sources.length !== 1) {
        report(
          path,
          `${kind.slice(0, -1)} ${key} needs exactly one of file:, environment:${kind === 'configs' ? ', content:' : ''} or external: (it has ${sources.join(', ') || 'none'})`,
        );
        continue;
      }
      if (o.external) {
        const name = typeof o.external === 'object' ? o.external.name : (o.name ?? key);
        names[key] = name;
        external[kind].push(name);
        continue;
      }
      let data: string | undefined;
      if (o.file !== undefined) {
        data = readStackFile(files, o.file);
        if (data === undefined) report([...path, 'file'], missingFile(o.file, files));
      } else if (o.environment !== undefined) {
        data = env[o.environment];
        if (data === undefined)
          report(
            [...path, 'environment'],
            `${kind.slice(0, -1)} ${key} reads variable ${o.environment}, which the .env does not set; add ${o.environment}=… to the .env`,
          );
      } else data = o.content;
      names[key] = scoped(key, o.name);
      if (data !== undefined)
        creates.push({ key, Name: names[key], Labels: { ...toMap(o.labels), ...ns }, Data: Buffer.from(data, 'utf8').toString('base64') });
    }
    return { creates, names };
  };
  const secrets = objects('secrets');
  const configs = objects('configs');

  const ctx: ServiceContext = { stack, file, env, files, networkNames, secretNames: secrets.names, configNames: configs.names, report };
  const services = Object.entries(file.services).map(([key, s]) => {
    const name = `${stack}_${key}`;
    if (!SERVICE_NAME.test(key))
      report(['services', key], `service name "${key}" may use letters, digits, "-" and "_" (not at its start or end); Swarm refuses "${name}"`);
    else if (name.length > 63)
      report(['services', key], `service name ${name} is longer than the 63 characters Swarm allows; shorten the stack or service name`);
    const spec = convertService(ctx, key, s);
    spec.Labels[SPEC_HASH_LABEL] = specHash(spec);
    return spec;
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, stack: { stack, networks, secrets: secrets.creates, configs: configs.creates, external, services, warnings: loaded.warnings } };
}

/** A path of the stack's folder: relative, without "..", "./" or a leading "/" (the file is not on the server's disk). */
function readStackFile(files: Record<string, string>, p: string): string | undefined {
  const clean = p.replace(/^(\.\/)+/, '');
  if (clean.startsWith('/') || clean.split('/').includes('..')) return undefined;
  return Object.hasOwn(files, clean) ? files[clean] : undefined;
}

function missingFile(p: string, files: Record<string, string>): string {
  if (p.startsWith('/') || p.split('/').includes('..'))
    return `file ${p} is outside the stack's folder: Berth reads files from the stack's own files (a relative path), never from the server's disk`;
  const have = Object.keys(files);
  return `file ${p} is not among the stack's files (${have.length ? `it has ${have.slice(0, 10).join(', ')}` : 'it has none'}); add it to the stack's files`;
}

/**
 * The spec's digest, so the plan can say a service is unchanged without comparing the Engine's filled-in spec. Secret
 * data stays out of it (a label anyone can read must not let a weak secret be guessed); a secret's data cannot change
 * under the same name anyway (Swarm refuses it), so a new secret has a new name, which is in the spec.
 */
function specHash(spec: ReturnType<typeof convertService>): string {
  return crypto.createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 32);
}
