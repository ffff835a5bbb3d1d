import { z } from 'zod';
import type { Question } from '@/lib/catalog-types';
import {
  composeText,
  IMPORTED_VERSION,
  mapStrings,
  importError,
  labelOf,
  looksSecret,
  Names,
  plainText,
  question,
  resultOf,
  slug,
  unknownKeys,
  variableName,
  zodProblem,
  type ImportedTemplate,
  type ImportOptions,
  type ImportResult,
  type NeedsFetch,
  type RepositorySource,
} from './common';

/**
 * Portainer app templates, version 3 (`{version: "3", templates: [...]}`). Type 1 is one container and becomes a
 * one-service compose file; types 2 (swarm stack) and 3 (compose stack) name a compose file in a git repository,
 * which this pure function does not fetch: the version's compose is empty, `source` says where the file is, and the
 * result lists it under needsFetch. Every `env` entry becomes a question except a `preset` one, whose value is fixed.
 */

const FORMAT = 'Portainer app templates v3';

const EnvSchema = z.looseObject({
  name: z.string({ error: 'name is required' }).min(1, 'name is required'),
  label: z.string().optional(),
  description: z.string().optional(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  preset: z.boolean().optional(),
  select: z.array(z.looseObject({ text: z.string().optional(), value: z.union([z.string(), z.number()]), default: z.boolean().optional() })).optional(),
});
const ENV_KEYS = ['name', 'label', 'description', 'default', 'preset', 'select'] as const;

const VolumeSchema = z.looseObject({ container: z.string().min(1, 'container is required'), bind: z.string().optional(), readonly: z.boolean().optional() });
const LabelSchema = z.looseObject({ name: z.string(), value: z.string() });

const COMMON = {
  type: z.number(),
  title: z.string({ error: 'title is required' }).min(1, 'title is required'),
  name: z.string().optional(),
  description: z.string().default(''),
  note: z.string().optional(),
  categories: z.array(z.string()).default([]),
  platform: z.string().optional(),
  logo: z.string().optional(),
  maintainer: z.string().optional(),
  administrator_only: z.boolean().default(false),
  env: z.array(EnvSchema).default([]),
};
const COMMON_KEYS = Object.keys(COMMON);

const ContainerSchema = z.looseObject({
  ...COMMON,
  image: z.string({ error: 'image is required for a container template (type 1)' }).min(1, 'image is required for a container template (type 1)'),
  registry: z.string().optional(),
  command: z.string().optional(),
  network: z.string().optional(),
  volumes: z.array(VolumeSchema).default([]),
  ports: z.array(z.string()).default([]),
  labels: z.array(LabelSchema).default([]),
  privileged: z.boolean().optional(),
  interactive: z.boolean().optional(),
  restart_policy: z.string().optional(),
  hostname: z.string().optional(),
});
const CONTAINER_KEYS = [
  ...COMMON_KEYS,
  'image',
  'registry',
  'command',
  'network',
  'volumes',
  'ports',
  'labels',
  'privileged',
  'interactive',
  'restart_policy',
  'hostname',
];

const StackSchema = z.looseObject({
  ...COMMON,
  repository: z.looseObject(
    {
      url: z.string({ error: 'repository.url is required' }).min(1, 'repository.url is required'),
      stackfile: z.string({ error: 'repository.stackfile is required' }).min(1, 'repository.stackfile is required'),
    },
    { error: 'repository ({url, stackfile}) is required for a stack template (types 2 and 3)' },
  ),
});
const STACK_KEYS = [...COMMON_KEYS, 'repository'];

const FileSchema = z.looseObject({
  version: z.string({ error: 'version must be the string "3"' }),
  templates: z.array(z.looseObject({ type: z.unknown() }), { error: 'templates must be a list' }),
});

export function importPortainer(text: string, opts: ImportOptions): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw importError(FORMAT, `it is not JSON (${(e as Error).message})`);
  }
  const file = FileSchema.safeParse(data);
  if (!file.success) throw importError(FORMAT, zodProblem('', file.error));
  if (file.data.version !== '3') throw importError(FORMAT, `version is "${file.data.version}"; Berth reads version "3" (Portainer 2.x)`);
  const ids = new Names('-');
  const templates: ImportedTemplate[] = [];
  const needsFetch: NeedsFetch[] = [];
  file.data.templates.forEach((raw, i) => {
    const at = `templates[${i}]`;
    if (raw.type === 1) {
      const r = ContainerSchema.safeParse(raw);
      if (!r.success) throw importError(FORMAT, zodProblem(at, r.error));
      templates.push(container(r.data, at, ids, opts));
    } else if (raw.type === 2 || raw.type === 3) {
      const r = StackSchema.safeParse(raw);
      if (!r.success) throw importError(FORMAT, zodProblem(at, r.error));
      const t = stack(r.data, at, ids, opts);
      templates.push(t);
      needsFetch.push({ templateId: t.id, version: IMPORTED_VERSION, source: t.versions[0].source! });
    } else {
      throw importError(
        FORMAT,
        `${at} has type ${JSON.stringify(raw.type)}; Portainer's template types are 1 (container), 2 (swarm stack) and 3 (compose stack)`,
      );
    }
  });
  return resultOf(templates, needsFetch);
}

/** Portainer hands values to Docker as they are; in a compose file a `$` would start a variable, so it is doubled. */
const literal = (s: string) => s.replace(/\$/g, '$$$$');

type Common = z.output<z.ZodObject<typeof COMMON>>;
type Env = z.output<typeof EnvSchema>;

function base(t: Common, at: string, ids: Names, opts: ImportOptions, known: string[]): Omit<ImportedTemplate, 'versions'> {
  const unsupported = unknownKeys(t, known, at);
  if (t.platform && t.platform !== 'linux') unsupported.push(`${at}.platform (${t.platform}: Berth runs Linux containers)`);
  t.env.forEach((e, j) => unsupported.push(...unknownKeys(e, ENV_KEYS, `${at}.env[${j}]`)));
  return {
    id: `${opts.catalog}/${ids.take(slug(t.name || t.title))}`,
    name: t.title,
    description: t.description,
    categories: t.categories,
    maintainer: t.maintainer,
    administratorOnly: t.administrator_only,
    defaultVersion: IMPORTED_VERSION,
    logo: t.logo && /^(https?:|data:)/.test(t.logo) ? t.logo : undefined,
    readme: t.note ? plainText(t.note) : undefined,
    origin: { catalog: opts.catalog, format: 'portainer' },
    unsupported,
  };
}

/** The env entries as questions (preset ones left out) and a map from env name to its placeholder or fixed value. */
function envQuestions(env: Env[]): { questions: Question[]; values: Map<string, string>; source: Pick<RepositorySource, 'variables' | 'fixed'>; names: Names } {
  const names = new Names();
  const questions: Question[] = [];
  const values = new Map<string, string>();
  const source: Pick<RepositorySource, 'variables' | 'fixed'> = { variables: {}, fixed: {} };
  for (const e of env) {
    const def = e.select ? e.select.find((o) => o.default)?.value : e.default;
    if (e.preset) {
      values.set(e.name, literal(String(def ?? '')));
      source.fixed[e.name] = String(def ?? '');
      continue;
    }
    const variable = names.take(variableName(e.name));
    values.set(e.name, `{{${variable}}}`);
    source.variables[e.name] = variable;
    const common = { variable, label: e.label || labelOf(e.name), description: e.description, group: 'Environment' };
    if (e.select) {
      const options = e.select.map((o) => String(o.value));
      const choices = e.select.filter((o) => o.text && o.text !== String(o.value)).map((o) => `${o.text} (${o.value})`);
      const description = [e.description, choices.length ? `Choices: ${choices.join(', ')}` : ''].filter(Boolean).join('. ') || undefined;
      questions.push(question({ ...common, description, type: 'enum', options, default: def !== undefined ? String(def) : options[0], required: true }));
    } else if (looksSecret(e.name)) {
      // no default: Berth generates a strong one, which is better than Portainer's empty field
      questions.push(question({ ...common, type: 'password', default: def !== undefined && def !== '' ? String(def) : undefined }));
    } else {
      questions.push(question({ ...common, type: 'string', default: def !== undefined ? String(def) : undefined }));
    }
  }
  return { questions, values, source, names };
}

type Container = z.output<typeof ContainerSchema>;

function container(t: Container, at: string, ids: Names, opts: ImportOptions): ImportedTemplate {
  const meta = base(t, at, ids, opts, CONTAINER_KEYS);
  const { questions, values, names: ports } = envQuestions(t.env);
  const service: Record<string, unknown> = { image: t.registry ? `${t.registry.replace(/\/+$/, '')}/${t.image}` : t.image };
  const published: string[] = [];
  t.ports.forEach((p, j) => {
    const m = /^(?:(?:([\d.]+):)?(\d+):)?(\d+)(?:\/(tcp|udp))?$/.exec(p.trim());
    if (!m) {
      meta.unsupported.push(`${at}.ports[${j}] (${p}: not a port mapping Berth understands)`);
      return;
    }
    const [, ip, host, target, proto = 'tcp'] = m;
    const variable = ports.take(`port_${target}_${proto}`);
    const def = Number(host ?? target);
    questions.push(
      question({ variable, label: `Host port for ${target}/${proto}`, type: 'int', required: true, default: def, min: 1, max: 65535, group: 'Network' }),
    );
    published.push(`${ip ? `${ip}:` : ''}{{${variable}}}:${target}/${proto}`);
  });
  if (published.length) service.ports = published;
  if (values.size) service.environment = Object.fromEntries(values);
  const volumes: Record<string, object> = {};
  if (t.volumes.length) {
    service.volumes = t.volumes.map((v, j) => {
      // Portainer makes a volume for a path without `bind`; in compose that is a named volume of the stack
      const src = v.bind ?? `data_${j + 1}`;
      if (!v.bind) volumes[src] = {};
      meta.unsupported.push(...unknownKeys(v, ['container', 'bind', 'readonly'], `${at}.volumes[${j}]`));
      return `${src}:${v.container}${v.readonly ? ':ro' : ''}`;
    });
  }
  if (t.command) service.command = literal(t.command);
  if (t.restart_policy) service.restart = t.restart_policy;
  if (t.hostname) service.hostname = t.hostname;
  if (t.labels.length) service.labels = Object.fromEntries(t.labels.map((l) => [l.name, literal(l.value)]));
  if (t.privileged) {
    service.privileged = true;
    // the operator policy refuses it anyway; marking it says so on the card before anyone tries
    meta.administratorOnly = true;
  }
  if (t.interactive) Object.assign(service, { stdin_open: true, tty: true });
  const networks: Record<string, object> = {};
  if (t.network === 'host' || t.network === 'none' || t.network === 'bridge') service.network_mode = t.network;
  else if (t.network) {
    service.networks = [t.network];
    networks[t.network] = { external: true };
  }
  const file: Record<string, unknown> = { services: { [slug(t.name || t.title, 'app')]: service } };
  if (Object.keys(volumes).length) file.volumes = volumes;
  if (Object.keys(networks).length) file.networks = networks;
  return { ...meta, versions: [{ version: IMPORTED_VERSION, compose: composeText(file), questions }] };
}

type Stack = z.output<typeof StackSchema>;

function stack(t: Stack, at: string, ids: Names, opts: ImportOptions): ImportedTemplate {
  const meta = base(t, at, ids, opts, STACK_KEYS);
  meta.unsupported.push(...unknownKeys(t.repository, ['url', 'stackfile'], `${at}.repository`));
  if (t.type === 2)
    meta.unsupported.push(
      `${at}.type (2: a swarm stack; Berth deploys the file as a compose stack, and deploy: keys it does not support are named when it is loaded)`,
    );
  const { questions, source } = envQuestions(t.env);
  const from: RepositorySource = { repository: t.repository.url, path: t.repository.stackfile, kind: t.type === 2 ? 'swarm' : 'compose', ...source };
  return { ...meta, versions: [{ version: IMPORTED_VERSION, compose: '', questions, source: from }] };
}

/**
 * The compose file of a stack template, once fetched: each `${NAME}` (or `$NAME`, `${NAME:-default}`) the template's
 * env asks for becomes its {{placeholder}}, a preset one its fixed value; other variables and `$$` are left to compose.
 * The change is made in the file's string values (parsed, not as text), so a placeholder never turns into YAML syntax.
 */
export function completeFetched(source: RepositorySource, compose: string): string {
  return mapStrings(compose, (value) =>
    value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?-][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (all, braced?: string, bare?: string) => {
      const name = braced ?? bare;
      if (!name) return all;
      if (name in source.variables) return `{{${source.variables[name]}}}`;
      if (name in source.fixed) return literal(source.fixed[name]);
      return all;
    }),
  );
}
