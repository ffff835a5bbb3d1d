import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, parse, parseDocument, visit } from 'yaml';
import { BerthHealthSchema, HEALTH_KEY } from '@/lib/schemas/health';
import { loadCompose } from '@/server/compose/load';
import { defaultAnswer, PLACEHOLDER, renderTree } from './import/test-render';
import { loadCatalogDir } from './loader';

/**
 * Every template folder of the built-in catalog (catalog/templates), checked twice: by the catalog's own loader (no
 * problem, every version loads), and on its own, with a small independent renderer: the files are there and parse,
 * every {{placeholder}} names a question and every question is used, each default answers its question, and the
 * compose file with the default answers put in (in the parsed tree) is a file Berth's compose loader accepts, with a
 * valid external health check where it has one.
 */

const ROOT = path.resolve(__dirname, '../../catalog/templates');
const VERSION = /^\d+(\.\d+)*(-\d+)?$/;

interface Q {
  variable: string;
  type: string;
  default?: string | number | boolean;
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: string;
  options?: string[];
}

const dirs = (d: string) =>
  existsSync(d)
    ? readdirSync(d, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
const read = (...p: string[]) => readFileSync(path.join(ROOT, ...p), 'utf8');

/** What a default must satisfy (the same rules the launch form applies to an answer). */
function answerProblem(q: Q, v: string | number | boolean): string | null {
  if (q.type === 'int' || q.type === 'float') {
    if (typeof v !== 'number' || (q.type === 'int' && !Number.isInteger(v))) return 'not a number of its type';
    if ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max)) return `outside ${q.min}..${q.max}`;
  } else if (q.type === 'enum') {
    if (!q.options?.includes(String(v))) return `not one of ${q.options?.join(', ')}`;
  } else if (['string', 'multiline', 'password'].includes(q.type)) {
    const s = String(v);
    if ((q.min !== undefined && s.length < q.min) || (q.max !== undefined && s.length > q.max)) return 'length out of range';
    if (q.pattern && !new RegExp(`^(?:${q.pattern})$`).test(s)) return `does not match ${q.pattern}`;
  }
  return null;
}

const templates = dirs(ROOT);

describe('the built-in catalog templates', () => {
  it('has the templates people deploy', () => {
    for (const id of [
      'nginx',
      'redis',
      'postgres',
      'adminer',
      'registry',
      'haproxy',
      'prometheus',
      'grafana',
      'gitea',
      'nextcloud',
      'ghost',
      'uptime-kuma',
      'mosquitto',
      'minio',
      'traefik',
    ]) {
      expect(templates).toContain(id);
    }
  });

  describe.each(templates)('%s', (id) => {
    it('has its metadata, README and logo', () => {
      expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      const meta = parse(read(id, 'template.yml'));
      expect(typeof meta.name).toBe('string');
      expect(typeof meta.description).toBe('string');
      expect(read(id, 'README.md').length).toBeGreaterThan(200);
      const logo = meta.logo ?? 'logo.svg';
      expect(existsSync(path.join(ROOT, id, logo))).toBe(true);
      if (logo.endsWith('.svg')) expect(read(id, logo)).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      const versions = dirs(path.join(ROOT, id, 'versions'));
      expect(versions.length).toBeGreaterThan(0);
      for (const v of versions) expect(v).toMatch(VERSION);
      if (meta.default_version) expect(versions).toContain(meta.default_version);
    });

    const versions = dirs(path.join(ROOT, id, 'versions'));
    it.each(versions)('version %s: placeholders name questions, defaults answer them, the rendered file is valid compose', (v) => {
      const compose = read(id, 'versions', v, 'compose.yml');
      const questions: Q[] = parse(read(id, 'versions', v, 'questions.yml'))?.questions ?? [];
      const byName = new Map(questions.map((q) => [q.variable, q]));
      expect(byName.size, 'each variable is asked once').toBe(questions.length);

      // placeholders sit in values, and each names a question
      const used = new Set<string>();
      visit(parseDocument(compose), {
        Scalar(key, node) {
          if (typeof node.value !== 'string') return;
          for (const m of node.value.matchAll(PLACEHOLDER)) {
            expect(key, `${m[0]} is in a key`).not.toBe('key');
            expect(byName.has(m[1]), `${m[0]} names no question`).toBe(true);
            used.add(m[1]);
          }
        },
      });
      for (const q of questions) expect(used.has(q.variable), `question ${q.variable} is not used`).toBe(true);

      const answers = Object.fromEntries(questions.map((q) => [q.variable, defaultAnswer(q)]));
      for (const q of questions) expect(answerProblem(q, answers[q.variable]), `default of ${q.variable}`).toBeNull();

      const rendered = renderTree(compose, answers);
      const file = parse(rendered, { merge: true });
      expect(isMap(parseDocument(rendered).contents)).toBe(true);
      expect(file.services && typeof file.services === 'object').toBe(true);
      for (const [name, svc] of Object.entries<Record<string, unknown>>(file.services)) {
        expect(typeof svc.image === 'string' || !!svc.build, `${name} names an image or a build`).toBe(true);
        if (svc[HEALTH_KEY]) expect(BerthHealthSchema.safeParse(svc[HEALTH_KEY]).error?.issues ?? []).toEqual([]);
      }
      const loaded = loadCompose({ compose: rendered, env: '', project: 'catalog-check' });
      expect(loaded.issues).toEqual([]);
    });
  });

  it("loads, every template and version, through the catalog's own loader with no problem", async () => {
    const loaded = await loadCatalogDir(ROOT);
    expect(loaded.problems).toEqual([]);
    expect(loaded.templates.map((t) => t.id).sort()).toEqual(templates);
    for (const t of loaded.templates) expect(t.versions.map((v) => v.version).sort(), t.id).toEqual(dirs(path.join(ROOT, t.id, 'versions')).sort());
    expect(loaded.templates.every((t) => t.logo?.startsWith('data:image/svg+xml;base64,') && t.readme)).toBe(true);
  });

  it('marks a template that mounts the Docker socket or is privileged as administrator-only', () => {
    for (const id of templates) {
      const meta = parse(read(id, 'template.yml'));
      for (const v of dirs(path.join(ROOT, id, 'versions'))) {
        const text = read(id, 'versions', v, 'compose.yml');
        if (/docker\.sock|privileged:\s*true|network_mode:\s*host/.test(text)) expect(meta.administrator_only, id).toBe(true);
      }
    }
  });
});
