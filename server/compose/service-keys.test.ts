import { describe, expect, it } from 'vitest';
import { containerOptions } from './create-options';
import { configHash, L } from './labels';
import { load, problems } from './load-for-tests';
import { planStack, startOrder } from './plan';

const web = (keys: string, more = '') => `services:\n  web:\n    image: x\n${keys}${more}`;
const create = (compose: string, service = 'web', n = 1) => {
  const m = load(compose);
  return containerOptions('p', m, m.services[service], n).create;
};
const hash = (compose: string) => {
  const m = load(compose);
  return configHash('p', m, m.services.web);
};
const empty = { containers: [], networks: [], volumes: [], imageIds: {} };

describe('container_name', () => {
  const FILE = web('    container_name: my-web\n', '  app:\n    image: x\n    links: [web]\n    volumes_from: [web]\n');

  it('names replica 1 exactly; links, volumes_from and the plan use that name; compose labels stay', () => {
    const o = create(FILE);
    expect(o.name).toBe('my-web');
    expect(o.Labels).toMatchObject({ [L.project]: 'p', [L.service]: 'web', [L.number]: '1' });
    const app = create(FILE, 'app');
    expect(app.NetworkingConfig?.EndpointsConfig?.p_default.Links).toEqual(['my-web:web']);
    expect(app.HostConfig?.VolumesFrom).toEqual(['my-web:rw']);
    const plan = planStack('p', load(FILE), empty);
    expect(plan.services.find((s) => s.name === 'web')?.containers.map((c) => c.name)).toEqual(['my-web']);
    expect(plan.services.find((s) => s.name === 'app')?.containers.map((c) => c.name)).toEqual(['p-app-1']);
  });

  it('refuses more than one replica, naming container_name', () => {
    expect(problems(web('    container_name: my-web\n    deploy: { replicas: 2 }\n'))).toMatch(
      /4:5: web sets container_name "my-web", so it cannot run 2 replicas/,
    );
    expect(problems(web('    container_name: "a b"\n'))).toMatch(/container_name may use letters/);
  });

  it('is in the config hash only when set', () => {
    expect(hash(web('    container_name: aa\n'))).not.toBe(hash(web('')));
    expect(hash(web('    container_name: a1\n'))).not.toBe(hash(web('    container_name: a2\n')));
    expect('containerName' in load(web('')).services.web).toBe(false);
  });
});

describe('DNS, identity and link keys → create options, as docker-compose maps them', () => {
  it('maps dns_search, dns_opt, domainname, group_add, mac_address and external_links', () => {
    const o = create(
      web(`    dns_search: example.com
    dns_opt: [use-vc, "ndots:2"]
    domainname: corp.example
    group_add: [audio, 1001]
    mac_address: 02:42:AC:11:00:99
    external_links: [redis-1:cache, db]
`),
    );
    expect(o.HostConfig).toMatchObject({ DnsSearch: ['example.com'], DnsOptions: ['use-vc', 'ndots:2'], GroupAdd: ['audio', '1001'] });
    expect(o.Domainname).toBe('corp.example');
    expect(o.MacAddress).toBe('02:42:ac:11:00:99');
    expect(o.NetworkingConfig?.EndpointsConfig?.p_default.Links).toEqual(['redis-1:cache', 'db:db']);
  });

  it('volumes_from takes service:, container: and bare names, with ro/rw; a service reference starts first', () => {
    const m = load(web('    volumes_from: ["service:data:ro", "container:other-c", data, "stray:rw"]\n', '  data:\n    image: x\n'));
    const o = containerOptions('p', m, m.services.web, 1).create;
    expect(o.HostConfig?.VolumesFrom).toEqual(['p-data-1:ro', 'other-c:rw', 'p-data-1:rw', 'stray:rw']);
    expect(m.services.web.dependsOn).toEqual({ data: 'service_started' });
    expect(startOrder(m)).toEqual(['data', 'web']);
  });

  it('bad values are named with their position', () => {
    const text = problems(web('    volumes_from: ["service:nope", "a:b:c:d"]\n'));
    expect(text).toMatch(/4:\d+: volumes_from "service:nope" names service "nope", which is not a service/);
    expect(text).toMatch(/4:\d+: volumes_from "a:b:c:d" is not service:<name>/);
    expect(problems(web('    mac_address: zz\n'))).toMatch(/4:\d+: .*mac_address must look like/);
    expect(problems(web('    group_add: audio\n'))).toMatch(/4:\d+: services.web.group_add/);
  });

  it('each key changes the config hash; a file without them hashes as before', () => {
    const seen = new Set([hash(web(''))]);
    for (const k of [
      'dns_search: a.example',
      'dns_opt: [use-vc]',
      'domainname: d.example',
      'group_add: [audio]',
      'mac_address: 02:42:ac:11:00:02',
      'external_links: [c1]',
      'volumes_from: ["container:c1"]',
    ]) {
      const h = hash(web(`    ${k}\n`));
      expect(seen.has(h), k).toBe(false);
      seen.add(h);
    }
    expect('extra' in load(web('')).services.web).toBe(false);
  });
});

describe('profiles and pull_policy', () => {
  const FILE = web('', '  debug:\n    image: x\n    profiles: [debug]\n');

  it('a service with profiles is not deployed (Berth activates none); the plan says so and leaves its containers alone', () => {
    const m = load(FILE);
    expect(Object.keys(m.services)).toEqual(['web']);
    const running = { containerId: 'c9', id: 'c9', name: 'p-debug-1', service: 'debug', number: 1, hash: 'h', imageId: '', state: 'running' };
    const plan = planStack('p', m, { ...empty, containers: [running] });
    expect(plan.notes).toEqual(['debug is not deployed: it has profiles (debug) and Berth activates none, as compose up without --profile']);
    expect(plan.orphans).toEqual([]);
    expect(planStack('p', load(web('')), empty).notes).toBeUndefined();
  });

  it('a deployed service that needs a profiled one is refused, as compose refuses it', () => {
    expect(problems(web('    depends_on: [debug]\n', '  debug:\n    image: x\n    profiles: [debug]\n'))).toMatch(
      /web needs "debug", which has profiles \(debug\) and so is not deployed/,
    );
  });

  it('pull_policy: missing is what Berth does by default (more in pull-policy.test.ts)', () => {
    expect(load(web('    pull_policy: missing\n')).services.web).toBeDefined();
    expect(hash(web('    pull_policy: if_not_present\n'))).toBe(hash(web('')));
  });
});

describe('the plan names the images a deploy pulls', () => {
  it('marks an image the host lacks with its registry, and never one it builds or may not pull', async () => {
    const { markPulls, registryName } = await import('./service-keys');
    const m = load(
      'services:\n  web:\n    image: reg.example:5000/team/web:1\n  db:\n    image: postgres:16\n  off:\n    image: local/only:1\n    pull_policy: never\n  here:\n    image: busybox\n',
    );
    const plan = {
      project: 'p',
      networks: [],
      volumes: [],
      orphans: [],
      summary: {} as never,
      services: Object.keys(m.services).map((name) => ({ name, image: m.services[name].image, replicas: 1, containers: [] })),
    };
    const marked = markPulls(plan, m, undefined, { name: 'vm', imageIds: { busybox: 'sha256:x' } });
    expect(Object.fromEntries(marked.services.map((s) => [s.name, s.pull?.reason ?? null]))).toEqual({
      web: 'not on host vm: pulled from reg.example:5000 before anything changes',
      db: 'not on host vm: pulled from Docker Hub before anything changes',
      off: null,
      here: null,
    });
    expect(registryName('localhost/x')).toBe('localhost');
    expect(registryName('team/app:1')).toBe('Docker Hub');
  });
});
