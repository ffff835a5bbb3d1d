import { parse } from 'yaml';
import { z } from 'zod';
import type { Question } from '@/lib/catalog-types';
import { variableQuestion } from './coolify-variables';
import {
  composeText,
  IMPORTED_VERSION,
  importError,
  question,
  resultOf,
  slug,
  zodProblem,
  type ImportedTemplate,
  type ImportOptions,
  type ImportResult,
} from './common';

/**
 * Coolify compose templates: a compose file whose header comments (`# documentation:`, `# slogan:`, `# tags:`,
 * `# logo:`, `# port:`) describe it, and whose `${...}` variables include Coolify's magic ones, generated at deploy:
 * - SERVICE_PASSWORD_X, SERVICE_PASSWORD_64_X, SERVICE_BASE64_X (and _64_/_128_), SERVICE_REALBASE64_X, SERVICE_HEX_32_X → a password
 *   question without default, so Berth generates one (one question per name, shared by every use);
 * - SERVICE_USER_X → a string question defaulting to "x";
 * - SERVICE_FQDN_X[_PORT] and SERVICE_URL_X[_PORT] need Coolify's proxy, which Berth does not run: named unsupported,
 *   and asked as a plain string (default localhost); a bare `SERVICE_FQDN_…` environment entry (no value) is dropped.
 * Other variables become string questions with their `:-` default (`:?` makes them required). Coolify templates
 * publish no ports (its proxy reaches the container): the `# port:` header becomes a host port question.
 * Also reads Coolify's published catalog (service-templates.json: name → {compose (base64), slogan, tags, …}).
 */

const FORMAT = 'Coolify compose template';

export interface CoolifyMeta {
  documentation?: string;
  slogan?: string;
  tags?: string[];
  /** newer templates name one category besides their tags */
  category?: string;
  logo?: string;
  port?: string;
}

const HEADER_KEYS = ['documentation', 'slogan', 'tags', 'category', 'logo', 'port'];
const COOLIFY_SERVICE_KEYS = ['exclude_from_hc'];
const VAR = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The header comments of a template file (the lines starting with "# key:" before the first other line). */
export function coolifyHeader(text: string): { meta: CoolifyMeta; others: string[] } {
  const meta: Record<string, string | string[]> = {};
  const others: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^#\s*([a-z_]+)\s*:\s*(.*)$/i.exec(line.trim());
    if (!m) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      break;
    }
    const key = m[1].toLowerCase();
    if (!HEADER_KEYS.includes(key)) others.push(key);
    else
      meta[key] =
        key === 'tags'
          ? m[2]
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean)
          : m[2].trim();
  }
  return { meta: meta as CoolifyMeta, others };
}

/** One template file; `name` is its name in Coolify's catalog (the file name without extension). */
export function importCoolify(name: string, text: string, opts: ImportOptions): ImportResult {
  const { meta, others } = coolifyHeader(text);
  return resultOf([
    template(
      name,
      text,
      meta,
      opts,
      others.map((k) => `${name}.# ${k}`),
    ),
  ]);
}

const CatalogSchema = z.record(
  z.string(),
  z.looseObject({
    compose: z.string({ error: 'compose (the base64 compose file) is required' }),
    documentation: z.string().optional(),
    slogan: z.string().optional(),
    tags: z.union([z.array(z.string()), z.string()]).nullish(),
    category: z.string().nullish(),
    logo: z.string().optional(),
    port: z.union([z.string(), z.number()]).nullish(),
  }),
);

/** Coolify's published catalog, service-templates.json. */
export function importCoolifyCatalog(text: string, opts: ImportOptions): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw importError('Coolify service-templates.json', `it is not JSON (${(e as Error).message})`);
  }
  const r = CatalogSchema.safeParse(data);
  if (!r.success) throw importError('Coolify service-templates.json', zodProblem('', r.error));
  const templates = Object.entries(r.data).map(([name, t]) => {
    const compose = Buffer.from(t.compose, 'base64').toString('utf8');
    const tags = typeof t.tags === 'string' ? t.tags.split(',').map((s) => s.trim()) : (t.tags ?? []);
    const known = ['compose', 'documentation', 'slogan', 'tags', 'category', 'logo', 'port', 'minversion'];
    const extra = Object.keys(t)
      .filter((k) => !known.includes(k))
      .map((k) => `${name}.${k}`);
    return template(
      name,
      compose,
      {
        documentation: t.documentation,
        slogan: t.slogan,
        tags,
        category: t.category ?? undefined,
        logo: t.logo,
        port: t.port == null ? undefined : String(t.port),
      },
      opts,
      extra,
    );
  });
  return resultOf(templates);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function template(name: string, text: string, meta: CoolifyMeta, opts: ImportOptions, unsupported: string[]): ImportedTemplate {
  let file: unknown;
  try {
    file = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw importError(FORMAT, `${name} is not YAML (${(e as Error).message})`);
  }
  if (!isObj(file) || !isObj(file.services) || !Object.keys(file.services).length) throw importError(FORMAT, `${name} has no services: map`);
  const id = slug(name);
  const questions = new Map<string, Question>();

  const ask = (ref: string, op: string | undefined, def: string | undefined, at: string): string => {
    const q = variableQuestion(ref, op, def, at, unsupported);
    if (!questions.has(q.variable)) questions.set(q.variable, q);
    return `{{${q.variable}}}`;
  };
  const value = (s: string, at: string) =>
    s.replace(VAR, (all, braced?: string, op?: string, def?: string, bare?: string) => (all === '$$' ? all : ask((braced ?? bare)!, op, def, at)));
  const walk = (v: unknown, at: string): unknown =>
    typeof v === 'string'
      ? value(v, at)
      : Array.isArray(v)
        ? v.map((x, i) => walk(x, `${at}[${i}]`))
        : isObj(v)
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, `${at}.${k}`)]))
          : v;
  const magicOnly = (s: string) => /^SERVICE_(FQDN|URL)_[A-Z0-9_]+$/.test(s);

  // Coolify keeps a folder per app, so a relative bind ("./data:/data") is a folder it makes (or a file it writes from
  // `content`). Berth binds absolute host paths only: a folder becomes a named volume of the stack, a file is dropped.
  const volumes: Obj = isObj(file.volumes) ? { ...file.volumes } : {};
  const named = (src: string) => {
    const n = slug(src.replace(/^[.~]\/?/, ''), 'data');
    volumes[n] ??= {};
    return n;
  };
  const relative = (src: unknown): src is string => typeof src === 'string' && /^(\.{1,2}(\/|$)|~)/.test(src);
  const mount = (vol: unknown, at: string): unknown[] => {
    if (typeof vol === 'string') {
      const [src, ...rest] = vol.split(':');
      if (!relative(src) || !rest.length) return [walk(vol, at)];
      unsupported.push(`${at} (${src}: a folder Coolify makes beside the app; a named volume in Berth)`);
      return [walk([named(src), ...rest].join(':'), at)];
    }
    if (!isObj(vol)) return [vol];
    const { content, is_directory: _dir, ...rest } = vol;
    if (content !== undefined) {
      unsupported.push(`${at}.content (Coolify writes ${String(vol.source ?? 'this file')} before starting; Berth cannot, so the mount is left out)`);
      return [];
    }
    if (relative(rest.source)) {
      unsupported.push(`${at}.source (${rest.source}: a folder Coolify makes beside the app; a named volume in Berth)`);
      return [walk({ ...rest, type: 'volume', source: named(rest.source) }, at)];
    }
    return [walk(rest, at)];
  };

  const services: Obj = {};
  for (const [svcName, raw] of Object.entries(file.services as Obj)) {
    const at = `${name}.services.${svcName}`;
    if (!isObj(raw)) throw importError(FORMAT, `${at} is not a mapping`);
    const svc: Obj = {};
    for (const [k, v] of Object.entries(raw)) {
      if (COOLIFY_SERVICE_KEYS.includes(k)) unsupported.push(`${at}.${k}`);
      else if (k === 'environment' && Array.isArray(v)) {
        // a bare "SERVICE_FQDN_APP_3000" entry asks Coolify to make a domain; Berth has none to make
        const kept = v.filter((e) => !(typeof e === 'string' && magicOnly(e.trim())));
        if (kept.length < v.length) unsupported.push(`${at}.environment (${v.length - kept.length} bare SERVICE_FQDN/URL entries: Coolify's proxy)`);
        svc[k] = walk(kept, `${at}.${k}`);
      } else if (k === 'environment' && isObj(v)) {
        svc[k] = walk(Object.fromEntries(Object.entries(v).filter(([n, x]) => !(x == null && magicOnly(n)))), `${at}.${k}`);
      } else if (k === 'volumes' && Array.isArray(v)) {
        svc[k] = v.flatMap((vol, i) => mount(vol, `${at}.volumes[${i}]`));
      } else svc[k] = walk(v, `${at}.${k}`);
    }
    services[svcName] = svc;
  }

  if (meta.port && /^\d+$/.test(meta.port)) {
    const names = Object.keys(services);
    const raw = (n: string) => JSON.stringify((file as { services: Obj }).services[n]);
    const upper = (n: string) => n.toUpperCase().replace(/[^A-Z0-9]/g, '_');
    // the service whose domain names the port, else one with a domain at all, else the first
    const target = names.find((n) => raw(n).includes(`_${upper(n)}_${meta.port}`)) ?? names.find((n) => /SERVICE_(FQDN|URL)_/.test(raw(n))) ?? names[0];
    const svc = services[target] as Obj;
    if (!Array.isArray(svc.ports)) {
      const p = Number(meta.port);
      questions.set(
        'public_port',
        question({
          variable: 'public_port',
          label: 'Public port',
          type: 'int',
          required: true,
          default: p >= 1024 ? p : 8080,
          min: 1,
          max: 65535,
          group: 'Network',
          description: `The host port ${target} answers on (its port ${p} inside)`,
        }),
      );
      svc.ports = [`{{public_port}}:${p}`];
    }
  }

  const out: Obj = { ...file, services };
  for (const k of ['networks', 'configs', 'secrets'] as const) if (k in file) out[k] = walk(file[k], `${name}.${k}`);
  if (Object.keys(volumes).length) out.volumes = walk(volumes, `${name}.volumes`);
  const logo =
    meta.logo && /^(https?:|data:)/.test(meta.logo)
      ? meta.logo
      : meta.logo && opts.logoBase
        ? new URL(meta.logo, opts.logoBase.endsWith('/') ? opts.logoBase : `${opts.logoBase}/`).href
        : undefined;
  return {
    id: `${opts.catalog}/${id}`,
    name: name.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
    description: meta.slogan ?? '',
    categories: [...new Set([...(meta.category ? [meta.category] : []), ...(meta.tags ?? [])])],
    maintainer: 'Coolify templates',
    projectUrl: meta.documentation && /^https?:/.test(meta.documentation) ? meta.documentation.replace(/\?.*$/, '') : undefined,
    administratorOnly: Object.values(services).some(
      (s) => isObj(s) && (s.privileged === true || s.network_mode === 'host' || JSON.stringify(s.volumes ?? []).includes('docker.sock')),
    ),
    defaultVersion: IMPORTED_VERSION,
    logo,
    origin: { catalog: opts.catalog, format: 'coolify' },
    unsupported: [...new Set(unsupported)],
    versions: [{ version: IMPORTED_VERSION, compose: composeText(out), questions: [...questions.values()] }],
  };
}
