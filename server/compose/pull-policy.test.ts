import { describe, expect, it } from 'vitest';
import { configHash } from './labels';
import { load, problems } from './load-for-tests';
import { planStack } from './plan';
import { pullAlways } from './preflight';
import { markPulls, PULL_ALWAYS_REASON } from './service-keys';

const web = (policy: string, more = '') => `services:\n  web:\n    image: x\n    pull_policy: ${policy}\n${more}`;
const built = (policy: string) => `services:\n  web:\n    build: ./web\n    pull_policy: ${policy}\n`;
const empty = { containers: [], networks: [], volumes: [], imageIds: {} };

describe('pull_policy in the model', () => {
  it('always and never are kept on the service; missing and if_not_present are the default (no field)', () => {
    expect(load(web('always')).services.web.pullPolicy).toBe('always');
    expect(load(web('never')).services.web.pullPolicy).toBe('never');
    expect(load(built('build')).services.web.pullPolicy).toBe('build');
    expect('pullPolicy' in load(web('missing')).services.web).toBe(false);
    expect('pullPolicy' in load(web('if_not_present')).services.web).toBe(false);
  });

  it('changing the policy does not change the config hash, so it alone recreates nothing (as in compose v2)', () => {
    const hash = (c: string) => {
      const m = load(c);
      return configHash('p', m, m.services.web);
    };
    expect(hash(web('always'))).toBe(hash(web('missing')));
    expect(hash(web('never'))).toBe(hash('services:\n  web:\n    image: x\n'));
  });

  it('daily, weekly and every_<duration> are refused naming the value: Berth keeps no pull times', () => {
    for (const v of ['daily', 'weekly', 'every_12h']) {
      expect(problems(web(v))).toMatch(
        new RegExp(
          `^4:\\d+: services\\.web\\.pull_policy: ${v} pulls again only after some time since the last pull, and Berth keeps no pull times; use always`,
        ),
      );
    }
  });

  it('an unknown value is refused naming it and the supported ones', () => {
    expect(problems(web('latest'))).toMatch(
      /^4:\d+: services\.web\.pull_policy: latest is not a pull_policy Berth supports; use missing \(the default\), always, never or build$/,
    );
  });

  it('build needs build:, and always with build: is refused (the file must say which it means)', () => {
    expect(problems(web('build'))).toMatch(/^4:\d+: web sets pull_policy: build but has no build: section; add build:/);
    expect(problems(built('always'))).toMatch(/^4:\d+: web sets pull_policy: always and build:; use pull_policy: build to rebuild on every deploy/);
    expect(load(built('never')).services.web.build).toBeDefined();
  });
});

describe('pull_policy in the plan', () => {
  const running = { id: 'c1', name: 'p-web-1', service: 'web', number: 1, hash: '', imageId: 'sha256:old', state: 'running' };

  it('always: the plan says the image is pulled at deploy; other policies and a scale say nothing', () => {
    const m = load(web('always', '  db:\n    image: y\n'));
    const plan = markPulls(planStack('p', m, empty), m);
    expect(plan.services.find((s) => s.name === 'web')?.pull).toEqual({ reason: PULL_ALWAYS_REASON });
    expect(plan.services.find((s) => s.name === 'db')?.pull).toBeUndefined();
    expect(markPulls(planStack('p', m, empty, { onlyService: 'web' }), m, 'web').services.every((s) => !s.pull)).toBe(true);
    const never = load(web('never'));
    expect(markPulls(planStack('p', never, empty), never).services[0].pull).toBeUndefined();
  });

  it('always: a new image id behind the tag (after the deploy pulled it) recreates the container', () => {
    const m = load(web('always'));
    const plan = planStack('p', m, {
      ...empty,
      containers: [{ ...running, hash: configHash('p', m, m.services.web) }],
      imageIds: { x: 'sha256:0123456789abcdef' },
    });
    expect(plan.services[0].containers[0]).toMatchObject({ action: 'recreate', reasons: ['image id changed (x is now 0123456789ab)'] });
  });

  it('build: the build reason names the policy and the containers are recreated with the rebuilt image', () => {
    const m = load(built('build'));
    const plan = planStack(
      'p',
      m,
      { ...empty, containers: [{ ...running, hash: configHash('p', m, m.services.web) }] },
      { builds: { web: 'pull_policy: build' } },
    );
    expect(plan.services[0].build).toEqual({ reason: 'pull_policy: build' });
    expect(plan.services[0].containers[0]).toMatchObject({ action: 'recreate', reasons: ['image rebuilt (pull_policy: build)'] });
  });
});

describe('pullAlways (before a deploy plans)', () => {
  const FILE =
    'services:\n  a:\n    image: x\n    pull_policy: always\n  b:\n    image: x\n    pull_policy: always\n  c:\n    image: y\n  d:\n    image: z\n    pull_policy: always\n';

  it('pulls each always image once, and nothing else', async () => {
    const pulled: string[] = [];
    const notes: string[] = [];
    await pullAlways(
      load(FILE),
      async (r) => void pulled.push(r),
      (m) => notes.push(m),
    );
    expect(pulled).toEqual(['x', 'z']);
    expect(notes).toEqual(['pulling x (pull_policy: always)', 'pulling z (pull_policy: always)']);
  });

  it('a scale pulls nothing (it adds replicas of the image the others run)', async () => {
    const pulled: string[] = [];
    await pullAlways(
      load(FILE),
      async (r) => void pulled.push(r),
      () => undefined,
      'a',
    );
    expect(pulled).toEqual([]);
  });

  it('a failing pull fails with every failure named: the image, its services, the policy and the error', async () => {
    const pull = async (r: string) => {
      if (r === 'x') throw new Error('Registry r cannot be reached');
    };
    await expect(pullAlways(load(FILE), pull, () => undefined)).rejects.toMatchObject({
      kind: 'conflict',
      message:
        'Nothing was changed: pulling image x failed (a, b: pull_policy: always): Registry r cannot be reached; check the image name and the registry, or set pull_policy: missing to use the image on the host',
    });
  });
});
