import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { completeFetched, importPortainer } from './portainer';
import { catalogProblems, defaultRenderProblems } from './test-render';

const fixture = readFileSync(path.join(__dirname, 'fixtures/portainer-v3.json'), 'utf8');
const opts = { catalog: 'portainer' };

describe('importPortainer', () => {
  const r = importPortainer(fixture, opts);

  it('reads every template, with unique ids under the catalog', () => {
    expect(r.templates.map((t) => t.id)).toEqual([
      'portainer/web',
      'portainer/mysql',
      'portainer/host-agent',
      'portainer/cockroachdb-cluster',
      'portainer/web-2',
    ]);
    expect(r.templates.every((t) => t.origin.format === 'portainer' && t.defaultVersion === '1')).toBe(true);
  });

  it('turns a container template into a one-service compose file with a question per port', () => {
    const web = r.templates[0];
    expect(web).toMatchObject({ name: 'Static web server', categories: ['webserver'], logo: 'https://example.test/logos/web.png', administratorOnly: false });
    expect(web.readme).toBe('Put your files in /srv/www on the host.\nThen open the port.');
    const v = web.versions[0];
    expect(parse(v.compose)).toEqual({
      services: {
        web: {
          image: 'nginx:1.27-alpine',
          ports: ['{{port_80_tcp}}:80/tcp', '{{port_443_tcp}}:443/tcp'],
          volumes: ['/srv/www:/usr/share/nginx/html:ro', 'data_2:/var/cache/nginx'],
          restart: 'unless-stopped',
          labels: { 'com.example.team': 'web' },
        },
      },
      volumes: { data_2: {} },
    });
    expect(v.questions.map((q) => [q.variable, q.type, q.default])).toEqual([
      ['port_80_tcp', 'int', 8080],
      ['port_443_tcp', 'int', 443],
    ]);
  });

  it('asks env entries: passwords generated, select as enum with its default, preset fixed and not asked', () => {
    const v = r.templates[1].versions[0];
    const file = parse(v.compose);
    expect(file.services.mysql.image).toBe('docker.io/library/mysql:8.4');
    expect(file.services.mysql.environment).toEqual({
      MYSQL_ROOT_PASSWORD: '{{mysql_root_password}}',
      MYSQL_DATABASE: '{{mysql_database}}',
      MYSQL_CHARSET: '{{mysql_charset}}',
      TZ: 'UTC',
    });
    expect(file.services.mysql.command).toBe('--innodb-buffer-pool-size=256M');
    const q = Object.fromEntries(v.questions.map((x) => [x.variable, x]));
    expect(q.mysql_root_password).toMatchObject({ type: 'password', label: 'Root password' });
    expect(q.mysql_root_password.default).toBeUndefined();
    expect(q.mysql_database).toMatchObject({ type: 'string', default: 'app', description: 'Created on first start' });
    expect(q.mysql_charset).toMatchObject({ type: 'enum', options: ['utf8mb4', 'latin1'], default: 'utf8mb4', required: true });
    expect(q.mysql_charset.description).toContain('UTF-8 (4 bytes) (utf8mb4)');
    expect(q.tz).toBeUndefined();
  });

  it('carries privileged, host network and interactive, marks the template admin-only, and names unknown fields', () => {
    const agent = r.templates[2];
    expect(agent.administratorOnly).toBe(true);
    expect(parse(agent.versions[0].compose).services['host-agent']).toMatchObject({
      privileged: true,
      network_mode: 'host',
      stdin_open: true,
      tty: true,
      hostname: 'agent',
    });
    expect(agent.unsupported).toEqual(['templates[2].stop_signal']);
  });

  it('leaves a stack template compose to be fetched, with its questions and where the file is', () => {
    const [swarm, compose] = [r.templates[3], r.templates[4]];
    expect(swarm.versions[0].compose).toBe('');
    expect(swarm.versions[0].source).toEqual({
      repository: 'https://git.example.test/templates',
      path: 'stacks/cockroachdb/docker-stack.yml',
      kind: 'swarm',
      variables: { COCKROACH_VERSION: 'cockroach_version' },
      fixed: {},
    });
    expect(swarm.unsupported[0]).toMatch(/^templates\[3\]\.type \(2: a swarm stack/);
    expect(compose.unsupported).toEqual(['templates[4].repository.ref']);
    expect(r.needsFetch.map((n) => [n.templateId, n.source.path])).toEqual([
      ['portainer/cockroachdb-cluster', 'stacks/cockroachdb/docker-stack.yml'],
      ['portainer/web-2', 'compose/web/docker-compose.yml'],
    ]);
    expect(compose.versions[0].questions.map((q) => [q.variable, q.type])).toEqual([
      ['public_port', 'string'],
      ['admin_token', 'password'],
    ]);
    expect(r.unsupported).toContain('templates[2].stop_signal');
  });

  it('gives container templates compose files Berth deploys once the default answers are in', () => {
    for (const t of r.templates.filter((x) => !x.versions[0].source)) {
      expect(defaultRenderProblems(t.versions[0].compose, t.versions[0].questions), t.id).toEqual([]);
      expect(catalogProblems(t.versions[0]), t.id).toEqual([]);
    }
  });

  it('completes a fetched file: asked variables become placeholders in values, presets their value, the rest stays', () => {
    const source = r.templates[4].versions[0].source!;
    const fetched =
      'services:\n  web:\n    image: "nginx:${TAG:-1}"\n    ports: ["${PUBLIC_PORT}:80"]\n    environment:\n      TOKEN: ${ADMIN_TOKEN}\n      MODE: $MODE\n      COST: 5$$\n';
    const out = completeFetched(source, fetched);
    expect(catalogProblems({ compose: out, questions: r.templates[4].versions[0].questions })).toEqual([]);
    expect(parse(out).services.web).toEqual({
      image: 'nginx:${TAG:-1}',
      ports: ['{{public_port}}:80'],
      environment: { TOKEN: '{{admin_token}}', MODE: 'production', COST: '5$$' },
    });
  });
});

describe('importPortainer, a catalog of 1,000 apps', () => {
  it('imports them all, each with its own id, without slowing down per app (a bound loose enough for a loaded 2-core machine)', () => {
    const templates = Array.from({ length: 1000 }, (_, i) => ({
      type: 1,
      title: `App ${i % 500}`,
      description: 'An app',
      categories: ['tools'],
      image: `example/app-${i}:1`,
      ports: ['8080/tcp'],
      env: [
        { name: 'ADMIN_PASSWORD' },
        {
          name: 'MODE',
          select: [
            { text: 'A', value: 'a', default: true },
            { text: 'B', value: 'b' },
          ],
        },
      ],
      volumes: [{ container: '/data' }],
    }));
    const started = performance.now();
    const r = importPortainer(JSON.stringify({ version: '3', templates }), opts);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(new Set(r.templates.map((t) => t.id)).size).toBe(1000);
    expect(r.templates[500].id).toBe('portainer/app-0-2');
  });
});

describe('importPortainer, literal values', () => {
  it('never asks two questions with one variable (an env entry named like a port question)', () => {
    const json = JSON.stringify({ version: '3', templates: [{ type: 1, title: 'a', image: 'busybox', ports: ['80/tcp'], env: [{ name: 'PORT_80_TCP' }] }] });
    const v = importPortainer(json, opts).templates[0].versions[0];
    expect(v.questions.map((q) => q.variable)).toEqual(['port_80_tcp', 'port_80_tcp_2']);
    expect(catalogProblems(v)).toEqual([]);
  });

  it('doubles a $ in values Portainer hands to Docker as they are, so compose does not read a variable', () => {
    const json = JSON.stringify({
      version: '3',
      templates: [
        {
          type: 1,
          title: 'a',
          image: 'busybox',
          command: 'sh -c "echo $HOME"',
          env: [{ name: 'P', default: 'x$y', preset: true }],
          labels: [{ name: 'l', value: '$1' }],
        },
      ],
    });
    const v = importPortainer(json, opts).templates[0].versions[0];
    expect(parse(v.compose).services.a).toMatchObject({ command: 'sh -c "echo $$HOME"', environment: { P: 'x$$y' }, labels: { l: '$$1' } });
    expect(catalogProblems(v)).toEqual([]);
  });
});

describe('importPortainer refuses malformed input, naming the problem', () => {
  const bad = (v: unknown) => () => importPortainer(typeof v === 'string' ? v : JSON.stringify(v), opts);
  it('not JSON', () => expect(bad('{version: 3')).toThrow(/not a valid Portainer app templates v3 file: it is not JSON/));
  it('wrong version', () => expect(bad({ version: '2', templates: [] })).toThrow(/version is "2"; Berth reads version "3"/));
  it('a numeric version', () => expect(bad({ version: 3, templates: [] })).toThrow(/version: version must be the string "3"/));
  it('an unknown type, with its index', () =>
    expect(
      bad({
        version: '3',
        templates: [
          { type: 1, title: 'a', image: 'a' },
          { type: 4, title: 'b' },
        ],
      }),
    ).toThrow(/templates\[1\] has type 4; Portainer's template types are 1/));
  it('a container without image', () =>
    expect(bad({ version: '3', templates: [{ type: 1, title: 'a' }] })).toThrow(/templates\[0\]\.image: image is required/));
  it('a stack without repository', () => expect(bad({ version: '3', templates: [{ type: 3, title: 'a' }] })).toThrow(/templates\[0\]\.repository: repository/));
  it('an env entry without name', () =>
    expect(bad({ version: '3', templates: [{ type: 1, title: 'a', image: 'a', env: [{ label: 'x' }] }] })).toThrow(
      /templates\[0\]\.env\[0\]\.name: name is required/,
    ));
});
