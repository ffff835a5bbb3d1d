import { describe, expect, it } from 'vitest';
import { convertStack } from './stack-convert';

const ok = (compose: string, env = '', files: Record<string, string> = {}) => {
  const r = convertStack({ stack: 'shop', compose, env, files });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.stack;
};
const problems = (compose: string, env = '', files: Record<string, string> = {}) => {
  const r = convertStack({ stack: 'shop', compose, env, files });
  if (r.ok) throw new Error('expected problems');
  return r.issues.map((i) => `${i.line ?? '-'}: ${i.message}`).join('\n');
};

describe('convertStack', () => {
  it('names and labels everything as docker stack deploy does, with the default overlay network', () => {
    const s = ok('services:\n  web:\n    image: nginx:1\n    ports: ["8080:80"]\n');
    expect(s.networks).toEqual([
      {
        key: 'default',
        Name: 'shop_default',
        Driver: 'overlay',
        Labels: { 'com.docker.stack.namespace': 'shop' },
        Options: {},
        Internal: false,
        Attachable: false,
      },
    ]);
    const web = s.services[0];
    expect(web.Name).toBe('shop_web');
    expect(web.Labels).toMatchObject({ 'com.docker.stack.namespace': 'shop', 'com.docker.stack.image': 'nginx:1' });
    expect(web.TaskTemplate.ContainerSpec.Labels).toEqual({ 'com.docker.stack.namespace': 'shop' });
    expect(web.TaskTemplate.Networks).toEqual([{ Target: 'shop_default', Aliases: ['web'] }]);
    expect(web.EndpointSpec).toEqual({ Mode: 'vip', Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }] });
    expect(web.Mode).toEqual({ Replicated: {} });
  });

  it('converts deploy: mode, replicas, placement, resources, policies, endpoint mode and labels', () => {
    const s = ok(`services:
  agent:
    image: busybox
    command: sleep 1000
    deploy:
      mode: global
      endpoint_mode: dnsrr
      labels: [tier=ops]
      placement:
        constraints: [node.role == manager]
        preferences: [{ spread: node.labels.zone }]
      resources:
        limits: { cpus: '0.5', memory: 64M, pids: 100 }
        reservations: { memory: 16M }
      restart_policy: { condition: on-failure, delay: 5s, max_attempts: 3 }
      update_config: { parallelism: 2, delay: 10s, order: start-first, failure_action: rollback }
      rollback_config: { parallelism: 1 }
    ports:
      - { target: 80, published: 8081, mode: host }
    healthcheck:
      test: ["CMD", "true"]
      interval: 10s
      retries: 2
`);
    const a = s.services[0];
    expect(a.Mode).toEqual({ Global: {} });
    expect(a.Labels.tier).toBe('ops');
    expect(a.TaskTemplate.ContainerSpec.Args).toEqual(['sleep', '1000']);
    expect(a.TaskTemplate.Placement).toEqual({ Constraints: ['node.role == manager'], Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }] });
    expect(a.TaskTemplate.Resources).toEqual({
      Limits: { NanoCPUs: 5e8, MemoryBytes: 64 * 1024 ** 2, Pids: 100 },
      Reservations: { MemoryBytes: 16 * 1024 ** 2 },
    });
    expect(a.TaskTemplate.RestartPolicy).toEqual({ Condition: 'on-failure', Delay: 5e9, MaxAttempts: 3 });
    expect(a.UpdateConfig).toEqual({ Parallelism: 2, Delay: 10e9, FailureAction: 'rollback', Order: 'start-first' });
    expect(a.RollbackConfig).toEqual({ Parallelism: 1 });
    expect(a.EndpointSpec).toEqual({ Mode: 'dnsrr', Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8081, PublishMode: 'host' }] });
    expect(a.TaskTemplate.ContainerSpec.HealthCheck).toEqual({ Test: ['CMD', 'true'], Interval: 10e9, Retries: 2 });
  });

  it('creates secrets and configs from files, the .env and content; refers to external ones by name', () => {
    const s = ok(
      `services:
  app:
    image: busybox
    secrets: [token, { source: cert, target: tls.pem, mode: 0400 }]
    configs: [{ source: conf, target: /etc/app.conf }, motd]
    volumes: [data:/data, /srv/logs:/logs:ro]
    networks: [back, ext]
secrets:
  token: { environment: TOKEN }
  cert: { file: ./certs/tls.pem }
configs:
  conf: { content: "a=1" }
  motd: { external: true }
networks:
  back: { attachable: true, labels: { team: x } }
  ext: { external: true, name: proxy }
volumes:
  data: { driver_opts: { type: tmpfs, device: tmpfs } }
`,
      'TOKEN=s3cret',
      { 'certs/tls.pem': 'PEM' },
    );
    expect(s.secrets.map((o) => [o.Name, Buffer.from(o.Data, 'base64').toString()])).toEqual([
      ['shop_token', 's3cret'],
      ['shop_cert', 'PEM'],
    ]);
    expect(s.configs.map((o) => o.Name)).toEqual(['shop_conf']);
    expect(s.external).toEqual({ networks: ['proxy'], secrets: [], configs: ['motd'] });
    expect(s.networks.map((n) => [n.Name, n.Attachable, n.Labels])).toEqual([['shop_back', true, { team: 'x', 'com.docker.stack.namespace': 'shop' }]]);
    const c = s.services[0].TaskTemplate.ContainerSpec;
    expect(c.Secrets).toEqual([
      { File: { Name: 'token', UID: '0', GID: '0', Mode: 0o444 }, SecretID: '', SecretName: 'shop_token' },
      { File: { Name: 'tls.pem', UID: '0', GID: '0', Mode: 0o400 }, SecretID: '', SecretName: 'shop_cert' },
    ]);
    expect(c.Configs?.map((x) => [x.ConfigName, x.File.Name])).toEqual([
      ['shop_conf', '/etc/app.conf'],
      ['motd', 'motd'],
    ]);
    expect(c.Mounts).toEqual([
      {
        Type: 'volume',
        Source: 'shop_data',
        Target: '/data',
        VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'shop' }, DriverConfig: { Name: 'local', Options: { type: 'tmpfs', device: 'tmpfs' } } },
      },
      { Type: 'bind', Source: '/srv/logs', Target: '/logs', ReadOnly: true },
    ]);
    expect(s.services[0].TaskTemplate.Networks).toEqual([
      { Target: 'proxy', Aliases: ['app'] },
      { Target: 'shop_back', Aliases: ['app'] },
    ]);
  });

  it('warns about keys docker stack deploy ignores, and deploys the rest', () => {
    const s = ok('services:\n  a:\n    image: x\n    build: .\n    container_name: a1\n    depends_on: [b]\n  b:\n    image: y\n    restart: always\n');
    expect(s.warnings.join('\n')).toMatch(/build is ignored on Swarm.*services\.a\.build/);
    expect(s.warnings.join('\n')).toMatch(/container_name/);
    expect(s.warnings.join('\n')).toMatch(/depends_on/);
    expect(s.services[1].TaskTemplate.RestartPolicy).toEqual({ Condition: 'any' });
  });

  it('refuses bad files with a message per problem, at its line', () => {
    expect(problems('services:\n  a:\n    image: x\n    deploy:\n      mode: daemon\n')).toMatch(/^5: .*deploy\.mode must be replicated or global/);
    expect(problems('services:\n  bad.name:\n    image: x\n')).toMatch(/service name "bad.name"/);
    expect(problems('services:\n  a:\n    image: x\n    imgae: y\n')).toMatch(/unknown key "imgae"/);
    expect(problems('services:\n  a:\n    image: x\n    deploy: { endpoint_mode: dnsrr }\n    ports: ["80:80"]\n')).toMatch(/dnsrr.*mode: host/);
    expect(problems('services:\n  a:\n    image: x\n    secrets: [nope]\n')).toMatch(/secret "nope" is used by a but not declared/);
    expect(problems('services:\n  a:\n    image: x\nsecrets:\n  s: { environment: NOPE }\n')).toMatch(/variable NOPE/);
    expect(problems('services:\n  a:\n    image: x\nsecrets:\n  s: { file: /etc/shadow }\n')).toMatch(/outside the stack's folder/);
    expect(problems('services:\n  a:\n    image: x\n    deploy: { mode: global, replicas: 2 }\n')).toMatch(/global/);
    expect(problems('services:\n  a:\n    image: x\nnetworks:\n  n: { driver: bridge }\n')).toMatch(/use overlay/);
  });

  it('gives the same spec hash for the same file and another for a change', () => {
    const h = (c: string) => ok(c).services[0].Labels['io.berth.stack.spec-hash'];
    expect(h('services:\n  a:\n    image: x\n')).toBe(h('services:\n  a: { image: x }\n'));
    expect(h('services:\n  a:\n    image: x\n')).not.toBe(h('services:\n  a:\n    image: x\n    environment: [A=1]\n'));
  });
});
