import { describe, expect, it } from 'vitest';
import { containerViolations, DEFAULT_POLICY } from '../auth/container-policy';
import { containerOptions } from './create-options';
import { configHash, keyDigests } from './labels';
import { load, problems } from './load-for-tests';
import { planStack } from './plan';

const web = (keys: string) => `services:\n  web:\n    image: x\n${keys}`;
const create = (compose: string) => {
  const m = load(compose);
  return containerOptions('p', m, m.services.web, 1).create;
};
const hash = (compose: string) => {
  const m = load(compose);
  return configHash('p', m, m.services.web);
};

describe('version-2 resource keys → HostConfig, as docker-compose maps them', () => {
  it('maps every key to its Engine field', () => {
    const o = create(
      web(`    mem_limit: 512m
    mem_reservation: 128m
    memswap_limit: 1g
    cpus: 1.5
    cpu_shares: 512
    cpu_quota: 50000
    cpu_period: 100000
    cpuset: 0-1
    pids_limit: 100
    oom_score_adj: 500
    oom_kill_disable: false
`),
    );
    expect(o.HostConfig).toMatchObject({
      Memory: 512 * 1024 ** 2,
      MemoryReservation: 128 * 1024 ** 2,
      MemorySwap: 1024 ** 3,
      NanoCpus: 1.5e9,
      CpuShares: 512,
      CpuQuota: 50000,
      CpuPeriod: 100000,
      CpusetCpus: '0-1',
      PidsLimit: 100,
      OomScoreAdj: 500,
      OomKillDisable: false,
    });
  });

  it('accepts sizes and numbers as strings, and memswap_limit -1 (unlimited swap)', () => {
    const o = create(web('    mem_limit: "1073741824"\n    memswap_limit: -1\n    cpus: "0.5"\n'));
    expect(o.HostConfig).toMatchObject({ Memory: 1024 ** 3, MemorySwap: -1, NanoCpus: 5e8 });
  });

  it('mem_limit equal to deploy.resources.limits.memory is one setting; different values are refused naming both keys', () => {
    const same = create(web('    mem_limit: 256m\n    deploy: { resources: { limits: { memory: 256M } } }\n'));
    expect(same.HostConfig?.Memory).toBe(256 * 1024 ** 2);
    // the same limit written either way is the same container: no recreate when a file moves to deploy.resources
    expect(hash(web('    mem_limit: 256m\n'))).toBe(hash(web('    deploy: { resources: { limits: { memory: 256m } } }\n')));
    const text = problems(web('    cpus: 1\n    mem_limit: 1g\n    deploy: { resources: { limits: { memory: 512m, cpus: "2" } } }\n'));
    expect(text).toMatch(/4:5: cpus \(1\) and deploy.resources.limits.cpus \(2\) disagree/);
    expect(text).toMatch(/5:5: mem_limit \(1073741824 bytes\) and deploy.resources.limits.memory \(536870912 bytes\) disagree/);
  });

  it('bad values are named with their line and column', () => {
    const text = problems(web('    mem_limit: lots\n    cpus: many\n    cpu_shares: 1.5\n    cpuset: "0-"\n    memswap_limit: 10m\n    cpu_period: 5000000\n'));
    expect(text).toMatch(/4:5: mem_limit "lots" is not a size like 512m or 1g/);
    expect(text).toMatch(/5:5: cpus "many" is not a number/);
    expect(text).toMatch(/6:5: cpu_shares "1.5" is not a whole number/);
    expect(text).toMatch(/7:5: cpuset "0-" is not a CPU list/);
    expect(text).toMatch(/8:5: memswap_limit needs mem_limit/);
    expect(text).toMatch(/9:5: cpu_period 5000000 is above 1000000/);
    // a value of the wrong shape is refused before anything else, at its position
    expect(problems(web('    oom_score_adj: 5000\n'))).toMatch(/4:\d+: services.web.oom_score_adj: .*1000/);
    expect(problems(web('    oom_kill_disable: maybe\n'))).toMatch(/4:\d+: services.web.oom_kill_disable/);
  });

  it('memswap_limit below mem_limit is refused (it is memory plus swap)', () => {
    expect(problems(web('    mem_limit: 1g\n    memswap_limit: 512m\n'))).toMatch(/memswap_limit .* must not be below mem_limit/);
  });

  it('each key changes the config hash, so changing it recreates the container; a file without them hashes as before', () => {
    const base = hash(web(''));
    const seen = new Set([base]);
    for (const k of [
      'mem_limit: 1g',
      'mem_reservation: 1g',
      'cpus: 2',
      'cpu_shares: 100',
      'cpu_quota: 20000',
      'cpu_period: 20000',
      'cpuset: "1"',
      'pids_limit: 5',
      'oom_score_adj: 10',
      'oom_kill_disable: true',
    ]) {
      const h = hash(web(`    ${k}\n`));
      expect(seen.has(h), k).toBe(false);
      seen.add(h);
    }
    expect(hash(web('    mem_limit: 1g\n    memswap_limit: 2g\n'))).not.toBe(hash(web('    mem_limit: 1g\n    memswap_limit: 3g\n')));
    const m = load(web(''));
    expect('resourceKeys' in m.services.web).toBe(false);
  });

  it('the policy reads oom_kill_disable and a negative oom_score_adj from the create options', () => {
    const v = containerViolations(create(web('    oom_kill_disable: true\n    oom_score_adj: -500\n')), DEFAULT_POLICY).join('\n');
    expect(v).toContain('oom_kill_disable');
    expect(v).toContain('oom_score_adj: -500');
    expect(containerViolations(create(web('    mem_limit: 64m\n    cpus: 0.5\n    oom_score_adj: 100\n')), DEFAULT_POLICY)).toEqual([]);
  });

  it('a changed key recreates the container, and the plan names the key', () => {
    const before = load(web('    mem_limit: 64m\n    cpu_shares: 512\n'));
    const c = {
      id: 'c1',
      name: 'p-web-1',
      service: 'web',
      number: 1,
      hash: configHash('p', before, before.services.web),
      keys: keyDigests('p', before, before.services.web),
      imageId: '',
      state: 'running',
    };
    const cur = { containers: [c], networks: [], volumes: [], imageIds: {} };
    expect(planStack('p', before, cur).summary.keep).toBe(1);
    const plan = planStack('p', load(web('    mem_limit: 128m\n    cpu_shares: 1024\n')), cur);
    const reasons = plan.services[0].containers[0].reasons.join('; ');
    expect(plan.services[0].containers[0].action).toBe('recreate');
    expect(reasons).toMatch(/mem_limit/);
    expect(reasons).toMatch(/cpu_shares/);
  });
});
