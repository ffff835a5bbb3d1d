import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackName } from '@/lib/schemas/stacks';
import { loadCompose } from './load';

const fixture = (f: string) => fs.readFileSync(path.resolve(__dirname, '../../test/fixtures/compose', f), 'utf8');
const ok = (compose: string, env = '') => {
  const r = loadCompose({ compose, env });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
};
const bad = (compose: string, env = '') => {
  const r = loadCompose({ compose, env });
  if (r.ok) throw new Error('expected problems');
  return r.issues;
};

describe('loadCompose: the seed examples', () => {
  it('reads the version 3.1 WordPress + MySQL file', () => {
    const m = ok(fixture('wordpress.yml'));
    expect(Object.keys(m.services)).toEqual(['wordpress', 'db']);
    expect(m.services.wordpress.ports).toEqual([{ target: 80, published: 8080, hostIp: '', protocol: 'tcp' }]);
    expect(m.services.wordpress.restart).toBe('always');
    expect(m.services.db.environment.MYSQL_RANDOM_ROOT_PASSWORD).toBe('1');
    expect(m.services.db.volumes).toEqual([{ type: 'volume', source: 'db', target: '/var/lib/mysql', readOnly: false, nocopy: false }]);
    expect(Object.keys(m.volumes)).toEqual(['wordpress', 'db']);
    expect(Object.keys(m.networks)).toEqual(['default']);
  });

  it('reads the Flask + Redis pair with links (links imply start order)', () => {
    const m = ok(fixture('flask-redis.yml'));
    expect(m.services.web.links).toEqual([{ service: 'redis', alias: 'redis' }]);
    expect(m.services.web.dependsOn).toEqual({ redis: 'service_started' });
    expect(m.services.web.environment).toEqual({ REDIS_HOST: 'redis' });
  });

  it('reads the version-1 format, where top-level keys are services', () => {
    const m = ok(fixture('version1.yml'));
    expect(m.legacy).toBe(true);
    expect(Object.keys(m.services)).toEqual(['web', 'db']);
    expect(m.services.web.links).toEqual([{ service: 'db', alias: 'database' }]);
  });
});

describe('loadCompose: the model', () => {
  it('normalizes short and long ports, volumes, networks, depends_on, healthcheck and deploy', () => {
    const m = ok(`
services:
  app:
    image: busybox
    command: sh -c "sleep 10 && echo 'hi there'"
    ports: ["127.0.0.1:8000-8001:80-81/udp", "9000", {target: 443, published: "8443", protocol: tcp}]
    volumes: [data:/data:ro, /srv/cfg:/cfg, /anon, {type: tmpfs, target: /tmp, tmpfs: {size: 1m}}]
    networks: {front: {aliases: [web]}}
    depends_on: {db: {condition: service_healthy}}
    healthcheck: {test: wget -q localhost, interval: 1m30s, timeout: 500ms, retries: 3}
    deploy: {replicas: 3, resources: {limits: {cpus: '0.5', memory: 512m}}, update_config: {parallelism: 2, delay: 10s}}
    extra_hosts: ["somehost:162.242.195.82"]
    labels: [a=b]
  db:
    image: busybox
networks: {front: {}}
volumes: {data: {}}
`);
    const app = m.services.app;
    expect(app.command).toEqual(['sh', '-c', "sleep 10 && echo 'hi there'"]);
    expect(app.ports).toEqual([
      { target: 80, published: 8000, hostIp: '127.0.0.1', protocol: 'udp' },
      { target: 81, published: 8001, hostIp: '127.0.0.1', protocol: 'udp' },
      { target: 9000, published: null, hostIp: '', protocol: 'tcp' },
      { target: 443, published: 8443, hostIp: '', protocol: 'tcp' },
    ]);
    expect(app.volumes.map((v) => v.type)).toEqual(['volume', 'bind', 'volume', 'tmpfs']);
    expect(app.networks).toEqual({ front: { aliases: ['web'] } });
    expect(app.dependsOn).toEqual({ db: 'service_healthy' });
    expect(app.healthcheck).toEqual({ test: ['CMD-SHELL', 'wget -q localhost'], interval: 90e9, timeout: 500e6, retries: 3, startPeriod: 0 });
    expect(app.replicas).toBe(3);
    expect(app.resources.memory).toBe(512 * 1024 * 1024);
    expect(app.updateConfig).toMatchObject({ parallelism: 2, delay: 10e9 });
    expect(app.extraHosts).toEqual(['somehost:162.242.195.82']);
    expect(app.labels).toEqual({ a: 'b' });
  });

  it('interpolates from the .env as compose does', () => {
    const m = ok(
      `services:
  a:
    image: "busybox:\${TAG:-latest}"
    environment:
      A: \${SET}
      B: \${EMPTY:-fallback}
      C: \${EMPTY-kept}
      D: \${UNSET-dflt}
      E: $$HOME
      F: $SET-x
      G: \${SET:+alt}
`,
      'SET=yes\nEMPTY=\n# comment\n',
    );
    expect(m.services.a.image).toBe('busybox:latest');
    expect(m.services.a.environment).toEqual({ A: 'yes', B: 'fallback', C: '', D: 'dflt', E: '$HOME', F: 'yes-x', G: 'alt' });
  });

  it('env_file reads the stack .env', () => {
    expect(ok('services:\n  a:\n    image: x\n    env_file: .env\n', 'K=v').services.a.environment).toEqual({ K: 'v' });
  });
});

describe('loadCompose: bad input', () => {
  it('tabs as indentation: an error at the line', () => {
    const issues = bad('services:\n\tweb:\n\t\timage: x\n');
    expect(issues[0].line).toBe(2);
    expect(issues[0].message).toMatch(/tab/i);
  });

  it('broken indentation: an error with line and column', () => {
    const issues = bad('services:\n  web:\n    image: x\n   ports: ["80"]\n');
    expect(issues[0].line).toBe(4);
    expect(issues[0].col).toBeGreaterThan(0);
  });

  it('duplicate keys', () => {
    const issues = bad('services:\n  web:\n    image: x\n    image: y\n');
    expect(issues[0].message).toMatch(/unique|twice/i);
    expect(issues[0].line).toBe(4);
  });

  it('a YAML alias bomb is refused quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill('*' + String.fromCharCode(97 + i))
          .join(',')}]`,
      );
    lines.push('services: {x: {image: busybox, labels: {k: *j}}}');
    const t = Date.now();
    const issues = bad(lines.join('\n'));
    expect(Date.now() - t).toBeLessThan(2000);
    expect(issues[0].message).toMatch(/alias bomb/);
  });

  it('a 10 MB file is refused with the limit', () => {
    const issues = bad('services:\n' + '#'.repeat(10 * 1024 * 1024));
    expect(issues[0].message).toMatch(/10\.0 MiB; the limit is 1 MiB/);
  });

  it('unsupported keys are all named in one error, unknown keys are called unknown', () => {
    const issues = bad('services:\n  web:\n    image: x\n    cgroup_parent: x\n    build: { context: ., ssh: [default] }\n    imgae: y\nsecrets: {}\n');
    const first = issues[0];
    expect(first.message).toMatch(
      /does not support these compose keys yet: secrets, cgroup_parent, ssh \(at secrets, services.web.cgroup_parent, services.web.build.ssh\)/,
    );
    expect(issues.find((i) => /unknown key "imgae"/.test(i.message))).toMatchObject({ line: 6, col: 5 });
  });

  it('a service without an image says so', () => {
    expect(bad('services:\n  web:\n    restart: always\n')[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/services.web.image: image is required/),
    });
  });

  it('a wrong type names the path and its position', () => {
    const issues = bad('services:\n  web:\n    image: x\n    tty: "yes please"\n');
    expect(issues[0]).toMatchObject({ line: 4, path: 'services.web.tty' });
  });

  it('${VAR:?} with VAR unset is an error naming the variable', () => {
    const issues = bad('services:\n  web:\n    image: "x:${TAG:?set TAG to the release}"\n');
    expect(issues[0].message).toMatch(/required variable TAG is missing: set TAG to the release/);
    expect(issues[0].line).toBe(3);
    expect(bad('services:\n  web:\n    image: "${TAG:?}"\n', 'TAG=')[0].message).toMatch(/TAG is missing \(it is unset or empty\)/);
  });

  it('env_file outside the stack folder is refused', () => {
    expect(bad('services:\n  a:\n    image: x\n    env_file: /etc/shadow\n')[0].message).toMatch(/absolute path/);
    expect(bad('services:\n  a:\n    image: x\n    env_file: ["../other/.env"]\n')[0].message).toMatch(/leaves the stack's folder/);
    expect(bad('services:\n  a:\n    image: x\n    env_file: secrets.env\n')[0].message).toMatch(/not in the stack's folder/);
  });

  it('undeclared volumes and networks, unknown dependencies and circles', () => {
    const issues = bad(
      'services:\n  a:\n    image: x\n    volumes: [data:/d]\n    networks: [back]\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n',
    );
    const text = issues.map((i) => i.message).join('\n');
    expect(text).toMatch(/volume "data" .* not declared/);
    expect(text).toMatch(/network "back" .* not declared/);
    expect(text).toMatch(/circle: a → b → a/);
  });

  it('relative bind mounts are refused with what to do', () => {
    expect(bad('services:\n  a:\n    image: x\n    volumes: ["./data:/d"]\n')[0].message).toMatch(/relative host paths are not supported/);
  });
});

describe('stack names', () => {
  it.each([
    ['../x', /lowercase letters/],
    ['a;id', /lowercase letters/],
    ['', /required/],
    ['a'.repeat(300), /at most 63/],
    ['Shop', /lowercase/],
  ])('refuses %j', (name, msg) => {
    const r = stackName.safeParse(name);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toMatch(msg);
  });
  it('accepts compose project names', () => expect(stackName.safeParse('shop_2-prod').success).toBe(true));
});
