import { parse } from 'yaml';
import { z } from 'zod';
import type { Question } from '@/lib/catalog-types';
import {
  composeText,
  IMPORTED_VERSION,
  importError,
  labelOf,
  looksSecret,
  Names,
  question,
  resultOf,
  slug,
  unknownKeys,
  variableName,
  zodProblem,
  type ImportedTemplate,
  type ImportOptions,
  type ImportResult,
} from './common';

/**
 * CapRover one-click apps, captainVersion 4 (YAML or JSON): a compose-like `services:` map and
 * `caproverOneClickApp.variables`. Each `$$cap_<id>` variable becomes the question `<id>`.
 *
 * `$$cap_appname` is CapRover's app name, which prefixes every service and volume name so that apps do not collide.
 * In Berth the stack name does that already (compose prefixes containers, volumes and networks with it), so:
 * - in service and volume names it is dropped: `$$cap_appname` → the template's id, `$$cap_appname-db` → `db`;
 * - CapRover's service host names `srv-captain--$$cap_appname-db` become the service name `db`;
 * - anywhere else in a value it becomes the question `appname` (default: the template id), since a value such as a
 *   public URL may really need a name.
 * `$$cap_gen_random_hex(n)` as a default becomes a password question without default (Berth generates a strong one);
 * `validRegex` ("/^\d+$/") becomes the question's pattern. CapRover's own service keys (`caproverExtra`) are named
 * unsupported, except `containerHttpPort`, which CapRover publishes through its proxy: Berth asks for a host port.
 */

const FORMAT = 'CapRover one-click app (captainVersion 4)';

const VariableSchema = z.looseObject({
  id: z.string({ error: 'id is required' }).regex(/^\$\$cap_[A-Za-z0-9_]+$/, 'id must look like $$cap_name'),
  label: z.string().optional(),
  defaultValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
  description: z.string().optional(),
  validRegex: z.string().optional(),
});
const VARIABLE_KEYS = ['id', 'label', 'defaultValue', 'description', 'validRegex'];

const AppSchema = z.looseObject({
  captainVersion: z.union([z.number(), z.string()], { error: 'captainVersion is required' }),
  services: z.record(z.string(), z.record(z.string(), z.unknown()), { error: 'services must be a map of services' }),
  caproverOneClickApp: z
    .looseObject({
      variables: z.array(VariableSchema).default([]),
      instructions: z.looseObject({ start: z.string().optional(), end: z.string().optional() }).optional(),
      displayName: z.string().optional(),
      description: z.string().optional(),
      isOfficial: z.boolean().optional(),
      documentation: z.string().optional(),
    })
    .default({ variables: [] }),
});
const APP_KEYS = ['captainVersion', 'services', 'caproverOneClickApp', 'version'];
const ONE_CLICK_KEYS = ['variables', 'instructions', 'displayName', 'description', 'isOfficial', 'documentation'];

const APPNAME = '$$cap_appname';
const RANDOM_HEX = /^\$\$cap_gen_random_hex\((\d+)\)$/;
const VAR_REF = /\$\$cap_[A-Za-z0-9_]+/g;

/** One app. `name` is its name in the catalog (the file's name without extension), used for the id and as fallback title. */
export function importCaprover(name: string, text: string, opts: ImportOptions): ImportResult {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw importError(FORMAT, `it is neither YAML nor JSON (${(e as Error).message})`);
  }
  const r = AppSchema.safeParse(data);
  if (!r.success) throw importError(FORMAT, zodProblem('', r.error));
  if (Number(r.data.captainVersion) !== 4) throw importError(FORMAT, `captainVersion is ${JSON.stringify(r.data.captainVersion)}; Berth reads version 4`);
  const app = r.data;
  const one = app.caproverOneClickApp;
  const id = slug(name);
  const unsupported = [...unknownKeys(app, APP_KEYS, name), ...unknownKeys(one, ONE_CLICK_KEYS, `${name}.caproverOneClickApp`)];

  const questions: Question[] = [];
  const names = new Names();
  const byId = new Map<string, string>();
  one.variables.forEach((v, i) => {
    const at = `${name}.caproverOneClickApp.variables[${i}]`;
    unsupported.push(...unknownKeys(v, VARIABLE_KEYS, at));
    const variable = names.take(variableName(v.id.slice('$$cap_'.length)));
    byId.set(v.id, variable);
    const def = v.defaultValue === undefined ? undefined : String(v.defaultValue);
    const hex = def ? RANDOM_HEX.exec(def) : null;
    let pattern: string | undefined;
    if (v.validRegex) {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(v.validRegex);
      if (!m) unsupported.push(`${at}.validRegex (not a /regex/ literal: ${v.validRegex})`);
      else if (m[2].replace(/[gu]/g, '')) unsupported.push(`${at}.validRegex flags (${m[2]}: Berth's patterns take none)`);
      else pattern = m[1];
    }
    const common = { variable, label: v.label || labelOf(v.id), description: v.description, pattern };
    if (hex) {
      questions.push(
        question({
          ...common,
          type: 'password',
          description: [v.description, `CapRover generated ${hex[1]} random hex characters; Berth generates a strong password`].filter(Boolean).join('. '),
          pattern: undefined,
        }),
      );
    } else if (def && def.includes('$$cap_')) {
      // a default made of other variables cannot be a fixed default: ask without one
      unsupported.push(`${at}.defaultValue (${def}: refers to other variables)`);
      questions.push(question({ ...common, type: 'string', required: true }));
    } else {
      questions.push(question({ ...common, type: looksSecret(v.id) ? 'password' : 'string', default: def || undefined, required: !def && !looksSecret(v.id) }));
    }
  });

  // service and volume names: $$cap_appname dropped, as the stack name does that job
  const keyName = (k: string) => (k === APPNAME ? id : k.replace(/^\$\$cap_appname[-_]?/, '') || id).replace(/[^A-Za-z0-9_.-]/g, '-');
  const serviceNames = new Map(Object.keys(app.services).map((k) => [k, keyName(k)]));
  const extra = (variable: string, q: Omit<Question, 'variable' | 'label' | 'required'> & { label: string }) => {
    if (!questions.some((x) => x.variable === variable)) questions.push(question({ variable, ...q }));
    return `{{${variable}}}`;
  };
  // CapRover replaces only its $$cap_ variables and hands the rest to Docker as it is: another `$` is literal, so it is
  // doubled for compose (the placeholders put in its place hold none)
  const value = (s: string, at: string): string =>
    s
      .replace(/\$\$cap_gen_random_hex\((\d+)\)/g, () => extra('generated_secret', { label: 'Generated secret', type: 'password' }))
      .replace(/\$\$cap_[A-Za-z0-9_]+|\$/g, (m) => (m === '$' ? '$$' : m))
      .replace(/srv-captain--(\$\$cap_appname[A-Za-z0-9_-]*)/g, (_, svc: string) => serviceNames.get(svc) ?? keyName(svc))
      .replace(VAR_REF, (ref) => {
        const known = byId.get(ref);
        if (known) return `{{${known}}}`;
        if (ref === APPNAME)
          return extra('appname', { label: 'App name', type: 'string', default: id, description: "CapRover's app name, used by this app in its settings" });
        if (ref === '$$cap_root_domain') {
          unsupported.push(`${at} ($$cap_root_domain: CapRover's proxy and domain; Berth publishes ports instead)`);
          return extra('root_domain', {
            label: 'Domain',
            type: 'string',
            default: 'localhost',
            description: "The domain the app is reached at (CapRover's root domain)",
          });
        }
        unsupported.push(`${at} (${ref}: not declared in caproverOneClickApp.variables)`);
        return extra(variableName(ref.slice('$$cap_'.length)), { label: labelOf(ref), type: 'string' });
      });
  const values = (v: unknown, at: string): unknown =>
    typeof v === 'string'
      ? value(v, at)
      : Array.isArray(v)
        ? v.map((x, i) => values(x, `${at}[${i}]`))
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, values(x, `${at}.${k}`)]))
          : v;

  const services: Record<string, Record<string, unknown>> = {};
  const volumes: Record<string, object> = {};
  for (const [key, svc] of Object.entries(app.services)) {
    const svcName = serviceNames.get(key)!;
    const at = `${name}.services.${key}`;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(svc)) {
      if (k === 'caproverExtra') continue;
      if (k === 'depends_on' && Array.isArray(v)) out[k] = v.map((d) => serviceNames.get(String(d)) ?? keyName(String(d)));
      else if (k === 'volumes' && Array.isArray(v)) {
        out[k] = v.map((vol, i) => {
          if (typeof vol !== 'string') return values(vol, `${at}.volumes[${i}]`);
          const [src, ...rest] = vol.split(':');
          if (!rest.length || /^[./~]/.test(src)) return value(vol, `${at}.volumes[${i}]`);
          const vname = keyName(src);
          volumes[vname] = {};
          return [vname, ...rest].join(':');
        });
      } else out[k] = values(v, `${at}.${k}`);
    }
    const extraKeys = svc.caproverExtra && typeof svc.caproverExtra === 'object' ? (svc.caproverExtra as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(extraKeys)) {
      if (k === 'containerHttpPort' && /^\d+$/.test(String(v)) && extraKeys.notExposeAsWebApp !== 'true' && extraKeys.notExposeAsWebApp !== true) {
        const variable = names.take(svcName === id ? 'public_port' : `${variableName(svcName)}_port`);
        questions.push(
          question({
            variable,
            label: `Host port for ${svcName}`,
            type: 'int',
            required: true,
            default: 8080,
            min: 1,
            max: 65535,
            group: 'Network',
            description: `CapRover serves port ${v} through its proxy; Berth publishes it on this host port`,
          }),
        );
        out.ports = [...(Array.isArray(out.ports) ? out.ports : []), `{{${variable}}}:${v}`];
      } else if (k !== 'notExposeAsWebApp') unsupported.push(`${at}.caproverExtra.${k}`);
    }
    services[svcName] = out;
  }
  const file: Record<string, unknown> = { services };
  if (Object.keys(volumes).length) file.volumes = volumes;

  const readme = [one.description, one.instructions?.start, one.instructions?.end && `After launch: ${one.instructions.end}`, one.documentation]
    .filter(Boolean)
    .join('\n\n');
  const template: ImportedTemplate = {
    id: `${opts.catalog}/${id}`,
    name: one.displayName || name,
    description: one.description ?? '',
    categories: [],
    maintainer: one.isOfficial ? 'CapRover (official one-click app)' : 'CapRover community',
    administratorOnly: Object.values(services).some((s) => s.privileged === true || s.network_mode === 'host'),
    defaultVersion: IMPORTED_VERSION,
    readme: readme || undefined,
    origin: { catalog: opts.catalog, format: 'caprover' },
    unsupported: [...new Set(unsupported)],
    versions: [{ version: IMPORTED_VERSION, compose: composeText(file), questions }],
  };
  if (opts.logoBase) template.logo = new URL(`${name}.png`, opts.logoBase.endsWith('/') ? opts.logoBase : `${opts.logoBase}/`).href;
  return resultOf([template]);
}

const ListSchema = z.looseObject({
  oneClickApps: z.array(
    z.looseObject({
      name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'an app name is letters, digits, ".", "_" and "-"'),
      displayName: z.string().optional(),
      description: z.string().optional(),
      logoUrl: z.string().optional(),
    }),
    {
      error: 'oneClickApps must be a list',
    },
  ),
});

/**
 * A CapRover catalog's app list (`v4/list` of a one-click-apps repository): the apps to fetch, each then read with
 * importCaprover from `v4/apps/<name>.yml`, its logo from `v4/logos/<logoUrl>`. Pure, like the importers: the caller fetches.
 */
export function caproverAppList(text: string): { name: string; displayName?: string; logo?: string }[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw importError('CapRover app list', `it is not JSON (${(e as Error).message})`);
  }
  const r = ListSchema.safeParse(data);
  if (!r.success) throw importError('CapRover app list', zodProblem('', r.error));
  return r.data.oneClickApps.map((a) => ({
    name: a.name,
    ...(a.displayName ? { displayName: a.displayName } : {}),
    ...(a.logoUrl ? { logo: a.logoUrl } : {}),
  }));
}
