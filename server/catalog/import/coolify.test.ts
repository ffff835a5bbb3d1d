import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { coolifyHeader, importCoolify, importCoolifyCatalog } from './coolify';
import { catalogProblems, defaultRenderProblems } from './test-render';

const fixture = readFileSync(path.join(__dirname, 'fixtures/coolify-ghost.yaml'), 'utf8');
const opts = { catalog: 'coolify', logoBase: 'https://coolify.example.test/' };

describe('importCoolify', () => {
  const r = importCoolify('ghost', fixture, opts);
  const t = r.templates[0];
  const v = t.versions[0];
  const file = parse(v.compose);
  const q = Object.fromEntries(v.questions.map((x) => [x.variable, x]));

  it('reads the header comments', () => {
    expect(coolifyHeader(fixture).meta).toEqual({
      documentation: 'https://ghost.example.test/docs?utm=coolify',
      slogan: 'A publishing platform for blogs and newsletters.',
      tags: ['cms', 'blog', 'newsletter'],
      logo: 'svgs/ghost.svg',
      port: '2368',
    });
    expect(t).toMatchObject({
      id: 'coolify/ghost',
      name: 'Ghost',
      description: 'A publishing platform for blogs and newsletters.',
      categories: ['cms', 'blog', 'newsletter'],
      projectUrl: 'https://ghost.example.test/docs',
      logo: 'https://coolify.example.test/svgs/ghost.svg',
      administratorOnly: false,
      origin: { catalog: 'coolify', format: 'coolify' },
    });
  });

  it('turns magic variables into questions, one per name, shared by every use', () => {
    expect(file.services.ghost.environment).toEqual([
      'url={{fqdn_ghost_2368}}',
      'database__client=mysql',
      'database__connection__host=mysql',
      'database__connection__user={{user_mysql}}',
      'database__connection__password={{password_mysql}}',
      'database__connection__database={{mysql_database}}',
      'mail__options__auth__pass={{mail_password}}',
      'cost=5$$',
    ]);
    expect(file.services.mysql.environment).toEqual({
      MYSQL_USER: '{{user_mysql}}',
      MYSQL_PASSWORD: '{{password_mysql}}',
      MYSQL_DATABASE: '{{mysql_database}}',
      MYSQL_ROOT_PASSWORD: '{{password_mysqlroot}}',
      SECRET_KEY: '{{base64_secret}}',
    });
    expect(q.password_mysql).toMatchObject({ type: 'password' });
    expect(q.password_mysql.default).toBeUndefined();
    expect(q.password_mysqlroot).toMatchObject({ type: 'password', description: 'Coolify generated 64 characters here' });
    expect(q.base64_secret).toMatchObject({ type: 'password' });
    expect(q.user_mysql).toMatchObject({ type: 'string', default: 'mysql', required: true });
    expect(q.fqdn_ghost_2368).toMatchObject({ type: 'string', default: 'localhost' });
    expect(q.mysql_database).toMatchObject({ type: 'string', default: 'ghost' });
    expect(q.mail_password).toMatchObject({ type: 'password' });
    expect(v.questions.filter((x) => x.variable === 'password_mysql')).toHaveLength(1);
  });

  it('publishes the # port: on a host port question, on the service whose domain names it', () => {
    expect(file.services.ghost.ports).toEqual(['{{public_port}}:2368']);
    expect(q.public_port).toMatchObject({ type: 'int', default: 2368 });
    expect(file.services.mysql.ports).toBeUndefined();
  });

  it('keeps the rest of the file and names what Coolify does that Berth does not', () => {
    expect(file.services.mysql.healthcheck.test).toEqual(['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1']);
    expect(file.services.ghost.depends_on).toEqual({ mysql: { condition: 'service_healthy' } });
    expect(file.volumes).toEqual({ 'ghost-content': {}, 'ghost-mysql': {} });
    expect(file.services.ghost.volumes).toEqual(['ghost-content:/var/lib/ghost/content']);
    expect(file.services.mysql.exclude_from_hc).toBeUndefined();
    expect(t.unsupported).toEqual([
      'ghost.# minversion',
      'ghost.services.ghost.volumes[1].content (Coolify writes ./config.production.json before starting; Berth cannot, so the mount is left out)',
      "ghost.services.ghost.environment (1 bare SERVICE_FQDN/URL entries: Coolify's proxy)",
      "ghost.services.ghost.environment[0] (SERVICE_FQDN_GHOST_2368: Coolify's proxy gives the service a domain; Berth runs no proxy, so it is asked)",
      'ghost.services.mysql.exclude_from_hc',
    ]);
  });

  it('gives a compose file Berth deploys once the default answers are in', () => {
    expect(defaultRenderProblems(v.compose, v.questions)).toEqual([]);
    expect(catalogProblems(v)).toEqual([]);
  });

  it('makes relative bind folders named volumes of the stack', () => {
    const text =
      'services:\n  app:\n    image: x\n    volumes:\n      - ./data:/data\n      - type: bind\n        source: ./conf\n        target: /conf\n        is_directory: true\n      - /srv/x:/x:ro\n';
    const t2 = importCoolify('app', text, { catalog: 'c' }).templates[0];
    const f = parse(t2.versions[0].compose);
    expect(f.services.app.volumes).toEqual(['data:/data', { type: 'volume', source: 'conf', target: '/conf' }, '/srv/x:/x:ro']);
    expect(f.volumes).toEqual({ data: {}, conf: {} });
    expect(t2.unsupported).toEqual([
      'app.services.app.volumes[0] (./data: a folder Coolify makes beside the app; a named volume in Berth)',
      'app.services.app.volumes[1].source (./conf: a folder Coolify makes beside the app; a named volume in Berth)',
    ]);
    expect(defaultRenderProblems(t2.versions[0].compose, t2.versions[0].questions)).toEqual([]);
  });

  it('asks URLs with their port, and makes a :? variable required', () => {
    const text =
      'services:\n  app:\n    image: x\n    environment:\n      BASE: ${SERVICE_URL_APP_3000}\n      KEY: ${LICENSE:?set a licence}\n      HEX: ${SERVICE_HEX_32_KEY}\n';
    const qs = importCoolify('app', text, { catalog: 'c' }).templates[0].versions[0].questions;
    expect(qs).toEqual([
      expect.objectContaining({ variable: 'url_app_3000', default: 'http://localhost:3000' }),
      expect.objectContaining({ variable: 'license', required: true }),
      expect.objectContaining({ variable: 'hex_key', type: 'password', description: 'Coolify generated 32 characters here' }),
    ]);
  });

  it('puts a # category: first among the categories', () => {
    const t2 = importCoolify('app', '# category: analytics\n# tags: stats, analytics\nservices:\n  app:\n    image: x\n', { catalog: 'c' }).templates[0];
    expect(t2.categories).toEqual(['analytics', 'stats']);
    expect(t2.unsupported).toEqual([]);
  });

  it('refuses a file without services, or not YAML', () => {
    expect(() => importCoolify('x', '# slogan: nothing\nvolumes: {}\n', opts)).toThrow(/Coolify compose template file: x has no services: map/);
    expect(() => importCoolify('x', 'services: [a\n', opts)).toThrow(/x is not YAML/);
  });
});

describe('importCoolifyCatalog', () => {
  it('reads service-templates.json, the compose files in base64', () => {
    const json = JSON.stringify({
      whoami: {
        documentation: 'https://whoami.example.test',
        slogan: 'Echoes requests',
        compose: Buffer.from('services:\n  whoami:\n    image: traefik/whoami\n').toString('base64'),
        tags: ['debug'],
        port: '80',
        minversion: '0.0.0',
      },
    });
    const r = importCoolifyCatalog(json, { catalog: 'coolify' });
    expect(r.templates.map((t) => [t.id, t.description, t.categories])).toEqual([['coolify/whoami', 'Echoes requests', ['debug']]]);
    expect(parse(r.templates[0].versions[0].compose)).toEqual({ services: { whoami: { image: 'traefik/whoami', ports: ['{{public_port}}:80'] } } });
    expect(r.templates[0].versions[0].questions[0]).toMatchObject({ variable: 'public_port', default: 8080 });
  });
  it('refuses what is not a catalog', () => {
    expect(() => importCoolifyCatalog('[1', { catalog: 'c' })).toThrow(/service-templates.json file: it is not JSON/);
    expect(() => importCoolifyCatalog('{"a": {"slogan": "x"}}', { catalog: 'c' })).toThrow(/a\.compose: compose \(the base64 compose file\) is required/);
  });
});
