import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { caproverAppList, importCaprover } from './caprover';
import { catalogProblems, defaultRenderProblems } from './test-render';

const fixture = readFileSync(path.join(__dirname, 'fixtures/caprover-ghost.yml'), 'utf8');
const opts = { catalog: 'caprover', logoBase: 'https://apps.example.test/logos' };

describe('importCaprover', () => {
  const r = importCaprover('ghost', fixture, opts);
  const t = r.templates[0];
  const v = t.versions[0];
  const file = parse(v.compose);
  const q = Object.fromEntries(v.questions.map((x) => [x.variable, x]));

  it('reads the one-click app metadata', () => {
    expect(t).toMatchObject({
      id: 'caprover/ghost',
      name: 'Ghost',
      description: 'Publishing platform for blogs and newsletters',
      maintainer: 'CapRover (official one-click app)',
      administratorOnly: false,
    });
    expect(t.origin).toEqual({ catalog: 'caprover', format: 'caprover' });
    expect(t.logo).toBe('https://apps.example.test/logos/ghost.png');
    expect(t.readme).toContain('After launch: Ghost is up.');
  });

  it('drops $$cap_appname from service and volume names and resolves srv-captain-- host names to services', () => {
    expect(Object.keys(file.services)).toEqual(['ghost', 'db']);
    expect(file.services.ghost.depends_on).toEqual(['db']);
    expect(file.services.ghost.volumes).toEqual(['content:/var/lib/ghost/content']);
    expect(file.services.db.volumes).toEqual(['db-data:/var/lib/mysql']);
    expect(file.volumes).toEqual({ content: {}, 'db-data': {} });
    expect(file.services.ghost.environment.database__connection__host).toBe('db');
  });

  it('turns variables into questions: random hex → generated password, validRegex → pattern', () => {
    expect(file.services.ghost.image).toBe('ghost:{{ghost_version}}');
    expect(file.services.db.environment.MYSQL_ROOT_PASSWORD).toBe('{{db_pass}}');
    expect(q.ghost_version).toMatchObject({ type: 'string', default: '5.96', pattern: '^([^\\s^\\/])+$', label: 'Ghost version' });
    expect(q.db_pass).toMatchObject({ type: 'password', label: 'Database root password' });
    expect(q.db_pass.default).toBeUndefined();
    expect(new RegExp(q.ghost_version.pattern!).test('5.96')).toBe(true);
  });

  it('asks the app name and domain where a value needs them, and a host port for containerHttpPort', () => {
    expect(file.services.ghost.environment.url).toBe('http://{{appname}}.{{root_domain}}');
    expect(q.appname).toMatchObject({ type: 'string', default: 'ghost' });
    expect(q.root_domain).toMatchObject({ type: 'string', default: 'localhost' });
    expect(file.services.ghost.ports).toEqual(['{{public_port}}:2368']);
    expect(q.public_port).toMatchObject({ type: 'int', default: 8080 });
    expect(file.services.ghost.caproverExtra).toBeUndefined();
    expect(file.services.db.ports).toBeUndefined();
  });

  it('names what it could not carry over', () => {
    expect(t.unsupported).toEqual([
      'ghost.caproverOneClickApp.tags',
      "ghost.caproverOneClickApp.variables[2].validRegex flags (i: Berth's patterns take none)",
      "ghost.services.$$cap_appname.environment.url ($$cap_root_domain: CapRover's proxy and domain; Berth publishes ports instead)",
      'ghost.services.$$cap_appname.caproverExtra.websocketSupport',
    ]);
    expect(r.unsupported).toEqual(t.unsupported);
  });

  it('gives a compose file Berth deploys once the default answers are in', () => {
    expect(defaultRenderProblems(v.compose, v.questions)).toEqual([]);
    expect(catalogProblems(v)).toEqual([]);
  });

  it('keeps a literal $ literal (doubled for compose) and generates a random hex used in a service', () => {
    const text =
      'captainVersion: 4\nservices:\n  $$cap_appname:\n    image: app:1\n    environment:\n      PRICE: "5$ or $HOME"\n      KEY: $$cap_gen_random_hex(8)\n      NAME: $$cap_name\ncaproverOneClickApp:\n  variables:\n    - id: $$cap_name\n      defaultValue: x\n';
    const v2 = importCaprover('app', text, { catalog: 'c' }).templates[0].versions[0];
    expect(parse(v2.compose).services.app.environment).toEqual({ PRICE: '5$$ or $$HOME', KEY: '{{generated_secret}}', NAME: '{{name}}' });
    expect(v2.questions.map((x) => [x.variable, x.type])).toEqual([
      ['name', 'string'],
      ['generated_secret', 'password'],
    ]);
    expect(catalogProblems(v2)).toEqual([]);
  });

  it('accepts JSON too', () => {
    const json = JSON.stringify({ captainVersion: 4, services: { $$cap_appname: { image: 'redis:7' } }, caproverOneClickApp: { variables: [] } });
    expect(parse(importCaprover('redis', json, { catalog: 'c' }).templates[0].versions[0].compose)).toEqual({ services: { redis: { image: 'redis:7' } } });
  });
});

describe('importCaprover refuses malformed input', () => {
  const bad = (text: string) => () => importCaprover('x', text, { catalog: 'c' });
  it('not YAML', () =>
    expect(bad('services: [a\n  b: }')).toThrow(/not a valid CapRover one-click app \(captainVersion 4\) file: it is neither YAML nor JSON/));
  it('wrong version', () => expect(bad('captainVersion: 2\nservices: {a: {image: x}}')).toThrow(/captainVersion is 2; Berth reads version 4/));
  it('no services', () => expect(bad('captainVersion: 4')).toThrow(/services: services must be a map of services/));
  it('a bad variable id', () =>
    expect(bad('captainVersion: 4\nservices: {a: {image: x}}\ncaproverOneClickApp: {variables: [{id: name}]}')).toThrow(
      /caproverOneClickApp\.variables\[0\]\.id: id must look like/,
    ));
});

describe('caproverAppList', () => {
  it('lists the apps of a catalog to fetch', () => {
    const list = JSON.stringify({ oneClickApps: [{ name: 'ghost', displayName: 'Ghost', isOfficial: true, logoUrl: 'ghost.png' }, { name: 'redis' }] });
    expect(caproverAppList(list)).toEqual([{ name: 'ghost', displayName: 'Ghost', logo: 'ghost.png' }, { name: 'redis' }]);
  });
  it('refuses what is not one, and app names that are paths', () => {
    expect(() => caproverAppList('<html>')).toThrow(/CapRover app list file: it is not JSON/);
    expect(() => caproverAppList('{"oneClickApps": [{"name": "../etc"}]}')).toThrow(/oneClickApps\[0\]\.name: an app name is letters/);
  });
});
