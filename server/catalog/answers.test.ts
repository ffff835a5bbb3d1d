import { describe, expect, it } from 'vitest';
import type { Question } from '@/lib/catalog-types';
import { loadCompose } from '../compose/load';
import { generatePassword, resolveAnswers, type ServiceLookup } from './answers';
import { Raw, renderCompose } from './render';

const Q: Question[] = [
  { variable: 'port', label: 'Public port', type: 'int', required: true, default: 8080, min: 1, max: 65535 },
  { variable: 'ratio', label: 'Ratio', type: 'float', required: false, default: 0.5, min: 0, max: 1 },
  { variable: 'name', label: 'Database name', type: 'string', required: true, pattern: '[a-z_]+', max: 16 },
  { variable: 'note', label: 'Note', type: 'multiline', required: false },
  { variable: 'debug', label: 'Debug', type: 'boolean', required: false, default: false },
  { variable: 'size', label: 'Size', type: 'enum', required: true, options: ['small', 'large'], default: 'small' },
  { variable: 'pw', label: 'Password', type: 'password', required: false, min: 12 },
];

const issuesOf = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (x: { details?: { issues: { path: string; message: string }[] } }) => x,
  );
  return Object.fromEntries((e?.details?.issues ?? []).map((i) => [i.path, i.message]));
};

describe('resolveAnswers', () => {
  it('fills defaults, types answers given as text, and generates a strong password', async () => {
    const r = await resolveAnswers(Q, { port: '9090', name: 'blog', debug: 'true' });
    expect(r.answers).toMatchObject({ port: 9090, ratio: 0.5, name: 'blog', note: '', debug: true, size: 'small' });
    expect(String(r.answers.pw)).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(r.secret).toEqual(['pw']);
    // the password goes to the .env, the file only refers to it
    expect(r.values.pw).toEqual(new Raw('${pw}'));
    expect(r.env).toBe(`pw='${r.answers.pw}'\n`);
  });

  it('reports a missing required answer, a range, a pattern, a type, an enum and an unknown answer, all at once', async () => {
    const issues = await issuesOf(resolveAnswers(Q, { port: 70000, ratio: 'lots', name: 'Bad Name!', debug: 'yes', size: 'huge', pw: 'short', extra: 1 }));
    expect(issues['answers.port']).toBe('Public port must be at most 65535');
    expect(issues['answers.ratio']).toBe('Ratio must be a number');
    expect(issues['answers.name']).toBe('Database name must match [a-z_]+');
    expect(issues['answers.debug']).toBe('Debug must be true or false');
    expect(issues['answers.size']).toBe('Size must be one of: small, large');
    expect(issues['answers.pw']).toBe('Password must be at least 12 characters');
    expect(issues['answers.extra']).toMatch(/extra is not a question of this template/);
    expect(await issuesOf(resolveAnswers(Q, {}))).toEqual({ 'answers.name': 'Database name is required' });
    expect(await issuesOf(resolveAnswers(Q, { name: 'x', port: 1.5 }))).toEqual({ 'answers.port': 'Public port must be a whole number' });
    expect(await issuesOf(resolveAnswers(Q, { name: 'toolongtoolongtoolong' }))).toEqual({ 'answers.name': 'Database name must be at most 16 characters' });
  });

  it('anchors the pattern: the whole answer must match', async () => {
    expect(await issuesOf(resolveAnswers(Q, { name: 'ok\nrm -rf /' }))).toEqual({ 'answers.name': 'Database name must be one line' });
    expect(await issuesOf(resolveAnswers(Q, { name: 'ok; rm -rf /' }))).toEqual({ 'answers.name': 'Database name must match [a-z_]+' });
  });

  it('requires a required password instead of generating one', async () => {
    const q: Question[] = [{ variable: 'pw', label: 'Cluster password', type: 'password', required: true }];
    expect(await issuesOf(resolveAnswers(q, {}))).toEqual({ 'answers.pw': 'Cluster password is required' });
  });

  it('checks a service answer on the host: a removed stack is named', async () => {
    const q: Question[] = [{ variable: 'db', label: 'Galera cluster', type: 'service', required: true }];
    const lookup: ServiceLookup = async (stack, service) =>
      stack === 'galera' && service === 'lb'
        ? { network: 'galera_default' }
        : { problem: `stack ${stack} is not deployed on this host (it was removed, or never ran here)` };
    const ok = await resolveAnswers(q, { db: 'galera/lb' }, { services: lookup });
    expect(ok.values).toEqual({ db: 'lb', 'db.network': 'galera_default' });
    expect(await issuesOf(resolveAnswers(q, { db: 'gone/lb' }, { services: lookup }))).toEqual({
      'answers.db': 'Galera cluster: stack gone is not deployed on this host (it was removed, or never ran here)',
    });
    expect(await issuesOf(resolveAnswers(q, { db: 'no-slash' }, { services: lookup }))).toEqual({
      'answers.db': 'Galera cluster names a service of another stack as "stack/service"',
    });
  });

  it('keeps hostile password answers literal through the sealed .env and compose interpolation', async () => {
    const q: Question[] = [{ variable: 'pw', label: 'Password', type: 'password', required: true }];
    const compose = 'services:\n  db:\n    image: mariadb:11\n    environment:\n      A: "{{pw}}"\n      B: "user:{{pw}}@db"\n';
    for (const pw of ['$HOME', "it's", '"q"', 'a # b', ' lead', 'trail ', '${X:-y}', '\\n', '; rm -rf /', '*a', '!!python']) {
      const r = await resolveAnswers(q, { pw });
      const out = renderCompose(compose, r.values);
      expect(out).not.toContain(pw.trim() ? pw : '\0');
      const m = loadCompose({ compose: out, env: r.env, project: 'p' });
      expect(m.ok, pw).toBe(true);
      if (m.ok) expect(m.model.services.db.environment, pw).toEqual({ A: pw, B: `user:${pw}@db` });
    }
  });
});

describe('generatePassword', () => {
  it('is 24 characters without "$", different each time', () => {
    const all = Array.from({ length: 200 }, generatePassword);
    expect(new Set(all).size).toBe(200);
    for (const p of all) expect(p).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
