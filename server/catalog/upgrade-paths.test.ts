import { describe, expect, it } from 'vitest';
import type { CatalogTemplate, Question } from '@/lib/catalog-types';
import { NO_FOLDER } from '../compose/env-files';
import { loadCompose } from '../compose/load';
import type { ComposeModel } from '../compose/model';
import { checkTarget, keptSecretsAsIs, mergeAnswers, newQuestions, refusedFrom, rollingService, upgradeChoices, upgradedEnv } from './upgrade-paths';

const q = (variable: string, type: Question['type'] = 'string', extra: Partial<Question> = {}): Question => ({
  variable,
  label: variable,
  type,
  required: false,
  ...extra,
});

const template = (versions: { version: string; upgradeFrom?: string }[]): CatalogTemplate => ({
  id: 't',
  name: 'Test app',
  description: '',
  categories: [],
  administratorOnly: false,
  defaultVersion: versions[0].version,
  origin: { catalog: 'berth', format: 'berth' },
  versions: versions.map((v) => ({ ...v, compose: 'services: {}\n', questions: [] })),
});

describe('refusedFrom', () => {
  it('allows any older version without a range, and reads comparisons that must all hold', () => {
    expect(refusedFrom(undefined, '1.0')).toBeNull();
    expect(refusedFrom('>=6.5-1', '6.5-1')).toBeNull();
    expect(refusedFrom('>=6.5-1', '6.5')).toMatch(/only from versions >=6.5-1, and this stack runs 6.5/);
    expect(refusedFrom('>=1.0 <2.0', '1.9')).toBeNull();
    expect(refusedFrom('>=1.0, <2.0', '2.0')).toMatch(/runs 2.0/);
    expect(refusedFrom('1.2', '1.2')).toBeNull();
    expect(refusedFrom('=1.2', '1.3')).not.toBeNull();
  });

  it('offers nothing for a range it cannot read, saying so', () => {
    expect(refusedFrom('~1.2', '1.2')).toMatch(/not a range Berth reads/);
  });
});

describe('upgradeChoices and checkTarget', () => {
  const t = template([{ version: '1.0' }, { version: '1.1' }, { version: '2.0', upgradeFrom: '>=1.1' }, { version: '0.9' }]);

  it('lists newer versions newest first, and the ones upgrade_from refuses with why', () => {
    const c = upgradeChoices(t, '1.0');
    expect(c.upgrades).toEqual(['1.1']);
    expect(c.refused).toEqual([{ version: '2.0', reason: expect.stringMatching(/>=1.1/) }]);
    expect(upgradeChoices(t, '1.1').upgrades).toEqual(['2.0']);
    expect(upgradeChoices(t, '2.0')).toEqual({ upgrades: [], refused: [] });
  });

  it('refuses a version that is not newer, or one upgrade_from refuses, naming the way there', () => {
    expect(() => checkTarget(t, '1.1', '1.0')).toThrow(/1.0 of Test app is not newer than the deployed 1.1.*roll back/);
    expect(() => checkTarget(t, '1.1', '1.1')).toThrow(/not newer/);
    expect(() => checkTarget(t, '1.0', '2.0')).toThrow(/cannot be reached from 1.0.*upgrade to 1.1 first/);
    expect(() => checkTarget(t, '1.1', '2.0')).not.toThrow();
  });
});

describe('newQuestions', () => {
  it('keeps only the variables the deployed version did not answer', () => {
    const next = [q('port', 'int'), q('db_password', 'password'), q('motto'), q('admin_email')];
    expect(newQuestions(['port', 'motto', 'db_password'], next).map((x) => x.variable)).toEqual(['admin_email']);
    expect(newQuestions([], next)).toHaveLength(4);
  });
});

describe('mergeAnswers', () => {
  const questions = [q('port', 'int'), q('motto'), q('db_password', 'password'), q('api_key', 'password'), q('email')];
  const env = "db_password='old-Secret_1'\nOTHER=kept\n";

  it('keeps old answers of questions still asked, reads old passwords from the .env, and lays new answers on top', () => {
    const out = mergeAnswers({
      questions,
      kept: { port: 8080, motto: 'hi', gone: 'x' },
      secretVariables: ['db_password'],
      env,
      given: { email: 'a@b.c', motto: 'changed' },
    });
    expect(out).toEqual({ port: 8080, motto: 'changed', db_password: 'old-Secret_1', email: 'a@b.c' });
  });

  it('keeps an old answer the form sent empty', () => {
    expect(mergeAnswers({ questions, kept: { motto: 'hi' }, secretVariables: [], env: '', given: { motto: '' } }).motto).toBe('hi');
  });

  it('refuses to change a password set before (it lives in the .env), naming it', () => {
    expect(() => mergeAnswers({ questions, kept: {}, secretVariables: ['db_password'], env, given: { db_password: 'new' } })).toThrow(
      /db_password was set when the app was launched/,
    );
  });

  it('lets a new password question be answered', () => {
    expect(mergeAnswers({ questions, kept: {}, secretVariables: ['db_password'], env, given: { api_key: 'k-123' } }).api_key).toBe('k-123');
  });
});

describe('keptSecretsAsIs', () => {
  it("drops a kept password's length and pattern, so a newer version's tighter rule does not refuse it", () => {
    const qs = [q('db_password', 'password', { min: 40, pattern: '[a-z]+' }), q('api_key', 'password', { min: 40 }), q('motto', 'string', { max: 3 })];
    const out = keptSecretsAsIs(qs, "db_password='short'\n");
    expect(out[0]).toMatchObject({ variable: 'db_password', min: undefined, pattern: undefined });
    expect(out[1].min).toBe(40);
    expect(out[2].max).toBe(3);
  });
});

describe('upgradedEnv', () => {
  it('leaves the .env as it is and appends only passwords it does not define', () => {
    const env = "db_password='old'\nOTHER=1";
    expect(upgradedEnv(env, "db_password='old'\napi_key='new'\n")).toBe("db_password='old'\nOTHER=1\napi_key='new'\n");
    expect(upgradedEnv(env, "db_password='old'\n")).toBe(env);
    expect(upgradedEnv('', "a='1'\n")).toBe("a='1'\n");
  });
});

describe('rollingService', () => {
  const model = (compose: string): ComposeModel => {
    const r = loadCompose({ compose, env: '', project: 'p', folder: NO_FOLDER });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.model;
  };
  const check = '    healthcheck:\n      test: ["CMD", "true"]\n';
  const file = (img: string, extra = '', other = '  db:\n    image: db:1\n') => `services:\n  web:\n    image: ${img}\n${extra}${other}`;

  it('names the one service whose image alone changes when it has a health check', () => {
    expect(rollingService(model(file('web:1', check)), model(file('web:2', check)))).toBe('web');
    const external = '    x-berth-healthcheck:\n      type: tcp\n      port: 80\n';
    expect(rollingService(model(file('web:1', external)), model(file('web:2', external)))).toBe('web');
  });

  it('is null for anything more: no health check, another setting, a second service, a new service', () => {
    expect(rollingService(model(file('web:1')), model(file('web:2')))).toBeNull();
    expect(rollingService(model(file('web:1', check)), model(file('web:2', `${check}    environment: [A=1]\n`)))).toBeNull();
    expect(rollingService(model(file('web:1', check)), model(file('web:2', check, '  db:\n    image: db:2\n')))).toBeNull();
    expect(rollingService(model(file('web:1', check)), model(file('web:2', check, '  db:\n    image: db:1\n  cache:\n    image: c:1\n')))).toBeNull();
    expect(rollingService(model(file('web:1', check)), model(file('web:1', check)))).toBeNull();
  });
});
