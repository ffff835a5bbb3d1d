import { describe, expect, it } from 'vitest';
import { containerOptions } from './create-options';
import { configHash, keyDigests } from './labels';
import { loadCompose } from './load';
import type { ComposeModel } from './model';
import { type CurrentContainer, NEVER_STARTED, planStack, startOrder } from './plan';

const model = (yaml: string): ComposeModel => {
  const r = loadCompose({ compose: yaml });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
};
const V1 = `services:
  web:
    image: web:1
    environment: {A: "1"}
    ports: ["8080:80"]
    depends_on: {db: {condition: service_healthy}}
  db:
    image: db:1
    deploy: {replicas: 2}
    volumes: [data:/data]
volumes: {data: {}}
`;
const empty = { containers: [], networks: [], volumes: [], imageIds: {} };

/** The containers a deploy of `m` leaves on the host, as the planner will later read them. */
function deployed(m: ComposeModel, imageId = 'sha256:aaa'): CurrentContainer[] {
  return Object.values(m.services).flatMap((s) =>
    Array.from({ length: s.replicas }, (_, i) => {
      const o = containerOptions('shop', m, s, i + 1).create;
      return {
        id: `${s.name}${i + 1}`,
        name: o.name!,
        service: s.name,
        number: i + 1,
        hash: configHash('shop', m, s),
        keys: keyDigests('shop', m, s),
        imageId,
        state: 'running',
      };
    }),
  );
}

describe('planStack', () => {
  it('a first deploy creates networks, volumes and every replica', () => {
    const p = planStack('shop', model(V1), empty);
    expect(p.networks).toEqual([{ key: 'default', name: 'shop_default', action: 'create' }]);
    expect(p.volumes).toEqual([{ key: 'data', name: 'shop_data', action: 'create' }]);
    expect(p.services.flatMap((s) => s.containers.map((c) => `${c.action} ${c.name}`))).toEqual(['create shop-web-1', 'create shop-db-1', 'create shop-db-2']);
    expect(p.summary).toMatchObject({ create: 3, recreate: 0, remove: 0, keep: 0, networks: 1, volumes: 1 });
  });

  it('an unchanged file leaves everything alone', () => {
    const m = model(V1);
    const p = planStack('shop', m, {
      containers: deployed(m),
      networks: ['shop_default'],
      volumes: ['shop_data'],
      imageIds: { 'web:1': 'sha256:aaa', 'db:1': 'sha256:aaa' },
    });
    expect(p.summary).toMatchObject({ create: 0, recreate: 0, remove: 0, keep: 3, networks: 0, volumes: 0 });
  });

  it('recreates only the changed service and names what changed', () => {
    const before = model(V1);
    const after = model(V1.replace('A: "1"', 'A: "2"').replace('8080:80', '8081:80'));
    const p = planStack('shop', after, { containers: deployed(before), networks: ['shop_default'], volumes: ['shop_data'], imageIds: {} });
    const web = p.services.find((s) => s.name === 'web')!;
    expect(web.containers[0]).toMatchObject({ action: 'recreate', reasons: ['environment changed', 'ports changed'] });
    expect(p.services.find((s) => s.name === 'db')!.containers.every((c) => c.action === 'keep')).toBe(true);
  });

  it('recreates when the image reference points at a new image id', () => {
    const m = model(V1);
    const p = planStack('shop', m, { containers: deployed(m, 'sha256:old'), networks: [], volumes: [], imageIds: { 'web:1': 'sha256:new0000000000000' } });
    expect(p.services[0].containers[0].reasons).toEqual(['image id changed (web:1 is now new000000000)']);
  });

  it('scaling down removes the highest numbers; a removed service is removed; scaling touches one service only', () => {
    const m = model(V1);
    const cur = { containers: deployed(m), networks: [], volumes: [], imageIds: {} };
    const down = planStack('shop', model(V1.replace('replicas: 2', 'replicas: 1')), cur);
    expect(down.services[1].containers.map((c) => `${c.action} ${c.number}`)).toEqual(['keep 1', 'remove 2']);
    const gone = planStack(
      'shop',
      model(
        V1.replace(/ {2}db:[\s\S]*?(?=volumes: \{data)/, '')
          .replace(/\n {4}depends_on.*\n/, '\n')
          .replace('    volumes: [data:/data]\n', ''),
      ),
      cur,
    );
    expect(gone.orphans.map((c) => c.name)).toEqual(['shop-db-1', 'shop-db-2']);
    const scaled = model(V1.replace('A: "1"', 'A: "9"').replace('replicas: 2', 'replicas: 4'));
    const up = planStack('shop', scaled, cur, { onlyService: 'db' });
    expect(up.summary).toMatchObject({ create: 2, recreate: 0, keep: 3 });
  });

  it('a container made by another compose client is recreated with that reason', () => {
    const m = model(V1);
    const cur = deployed(m).map((c) => ({ ...c, hash: 'abc', keys: undefined }));
    expect(planStack('shop', m, { containers: cur, networks: [], volumes: [], imageIds: {} }).services[0].containers[0].reasons).toEqual([
      'config hash differs (made by another compose client)',
    ]);
  });

  it('a container set aside by an interrupted deploy is removed, not counted as a replica', () => {
    const m = model(V1);
    const cur = deployed(m);
    cur.push({ ...cur[0], id: 'aside', name: 'shop-web-1-old-0a1b2c3d', state: 'exited' });
    const p = planStack('shop', m, { containers: cur, networks: [], volumes: [], imageIds: {} });
    expect(p.orphans).toEqual([expect.objectContaining({ action: 'remove', containerId: 'aside', reasons: ['set aside by an interrupted deploy'] })]);
    expect(p.summary).toMatchObject({ keep: 3, remove: 1 });
  });

  it('a container left in Created (never started) is made anew even when its config matches; its set-aside twin is removed', () => {
    const m = model(V1);
    const cur = deployed(m);
    cur[1] = { ...cur[1], state: 'created' };
    cur.push({ ...cur[1], id: 'aside', name: 'shop-db-1-old-0a1b2c3d', state: 'exited' });
    const p = planStack('shop', m, { containers: cur, networks: ['shop_default'], volumes: ['shop_data'], imageIds: {} });
    expect(p.services.flatMap((s) => s.containers.map((c) => `${c.action} ${c.name} ${c.reasons.join('; ')}`.trim()))).toEqual([
      'keep shop-web-1',
      `recreate shop-db-1 ${NEVER_STARTED}`,
      'keep shop-db-2',
    ]);
    expect(NEVER_STARTED).toMatch(/left in Created by an interrupted deploy/);
    expect(p.orphans.map((c) => c.containerId)).toEqual(['aside']);
    // a scale of db makes it anew too (the planned service); a scale of web leaves db's containers alone
    expect(planStack('shop', m, { containers: cur, networks: [], volumes: [], imageIds: {} }, { onlyService: 'db' }).summary).toMatchObject({ recreate: 1 });
    expect(planStack('shop', m, { containers: cur, networks: [], volumes: [], imageIds: {} }, { onlyService: 'web' }).summary).toMatchObject({ recreate: 0 });
  });

  it('starts dependencies first', () => expect(startOrder(model(V1))).toEqual(['db', 'web']));
});

describe('containerOptions', () => {
  it('writes the labels and names the compose CLI uses', () => {
    const m = model(V1);
    const o = containerOptions('shop', m, m.services.db, 2).create;
    expect(o.name).toBe('shop-db-2');
    expect(o.Labels).toMatchObject({
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': 'db',
      'com.docker.compose.container-number': '2',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.config-hash': m.services.db.composeHash,
      'io.berth.config-hash': configHash('shop', m, m.services.db),
    });
    expect(o.HostConfig!.Mounts).toEqual([{ Type: 'volume', Source: 'shop_data', Target: '/data', ReadOnly: false }]);
    expect(o.NetworkingConfig!.EndpointsConfig!.shop_default.Aliases).toEqual(['db']);
  });

  it('the hash is stable, ignores the replica count and changes with the config', () => {
    const a = model(V1);
    const b = model(V1.replace('replicas: 2', 'replicas: 5'));
    const c = model(V1.replace('image: db:1', 'image: db:2'));
    expect(configHash('shop', a, a.services.db)).toBe(configHash('shop', b, b.services.db));
    expect(configHash('shop', a, a.services.db)).not.toBe(configHash('shop', c, c.services.db));
    expect(configHash('shop', a, a.services.db)).toMatch(/^[0-9a-f]{64}$/);
  });
});
