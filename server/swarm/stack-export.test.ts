import { describe, expect, it } from 'vitest';
import type { RawNetwork, RawObject, RawService } from '../docker/swarm-stack-calls';
import { convertStack } from './stack-convert';
import { duration, exportStackFile } from './stack-export';
import { type ConvertedStack, SPEC_HASH_LABEL } from './stack-spec';

const FILE = `services:
  web:
    image: nginx:1
    command: ["nginx", "-g", "daemon off;"]
    environment: { A: "1", B: two }
    labels: { role: front }
    ports:
      - { target: 80, published: 8080, mode: host }
      - "9000:9000/udp"
    volumes: [data:/data, /srv/logs:/logs:ro]
    networks:
      back: { aliases: [www] }
    configs: [{ source: conf, target: /etc/web.conf, mode: 0440 }]
    secrets: [token]
    healthcheck: { test: ["CMD", "true"], interval: 30s, retries: 3 }
    deploy:
      replicas: 2
      endpoint_mode: vip
      labels: { tier: web }
      placement: { constraints: ["node.role == worker"], preferences: [{ spread: node.labels.zone }] }
      resources: { limits: { cpus: "0.5", memory: 64M } }
      restart_policy: { condition: on-failure, delay: 5s }
      update_config: { parallelism: 1, delay: 10s, order: start-first }
  agent:
    image: busybox:latest
    command: sleep 3600
    deploy: { mode: global, endpoint_mode: dnsrr }
    stop_grace_period: 1500ms
networks:
  back: { attachable: true }
volumes:
  data: {}
configs:
  conf: { content: "listen 80;" }
secrets:
  token: { environment: TOKEN }
`;

const convert = (stack: string, compose: string, env = '') => {
  const r = convertStack({ stack, compose, env });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.stack;
};

/** The swarm as the Engine would hold the converted stack: network targets by id, secrets and configs with ids. */
function onSwarm(c: ConvertedStack): { services: RawService[]; networks: RawNetwork[]; secrets: RawObject[]; configs: RawObject[] } {
  const networks: RawNetwork[] = c.networks.map((n, i) => ({
    Id: `net${i}`,
    Name: n.Name,
    Driver: n.Driver,
    Scope: 'swarm',
    Labels: n.Labels,
    Options: { ...n.Options, 'com.docker.network.driver.overlay.vxlanid_list': '4097' },
    Attachable: n.Attachable,
    Internal: n.Internal,
  }));
  const obj = (o: { Name: string; Labels: Record<string, string>; Data: string }, i: number): RawObject => ({
    ID: `o${i}`,
    Version: { Index: 1 },
    Spec: { Name: o.Name, Labels: o.Labels, Data: o.Data },
  });
  const services = c.services.map((s, i): RawService => {
    const spec = structuredClone(s);
    spec.TaskTemplate.Networks = spec.TaskTemplate.Networks?.map((a) => ({ ...a, Target: networks.find((n) => n.Name === a.Target)?.Id ?? a.Target }));
    return { ID: `s${i}`, Version: { Index: 1 }, CreatedAt: '', UpdatedAt: '', Spec: spec };
  });
  return { services, networks, secrets: c.secrets.map((o, i) => ({ ...obj(o, i), Spec: { Name: o.Name, Labels: o.Labels } })), configs: c.configs.map(obj) };
}

/** A spec with the stack's name taken out, for comparing two stacks' services. */
const neutral = (c: ConvertedStack) =>
  JSON.parse(JSON.stringify(c.services).replaceAll(`${c.stack}_`, 'STACK_').replaceAll(`"${c.stack}"`, '"STACK"'), (k, v) =>
    k === SPEC_HASH_LABEL ? undefined : v,
  );

describe('exportStackFile', () => {
  it('writes a file that deploys the same services under another name (round trip)', () => {
    const first = convert('shop', FILE, 'TOKEN=x');
    const sw = onSwarm(first);
    const text = exportStackFile('shop', sw.services, sw.networks, sw.secrets, sw.configs);
    expect(text).toMatch(/^# Swarm stack shop, exported by Berth/);
    const again = convert('copy', text);
    // the secret's data cannot be read back: the copy refers to the original secret by name
    expect(again.external.secrets).toEqual(['shop_token']);
    expect(again.configs.map((c) => [c.Name, Buffer.from(c.Data, 'base64').toString()])).toEqual([['copy_conf', 'listen 80;']]);
    expect(again.networks.map((n) => [n.Name, n.Attachable])).toEqual([
      ['copy_default', false],
      ['copy_back', true],
    ]);
    const a = neutral(first);
    const b = neutral(again);
    // the secret is the original's (external), so its name is not scoped to the copy
    b[1].TaskTemplate.ContainerSpec.Secrets[0].SecretName = 'STACK_token';
    const byName = (xs: { Name: string }[]) => [...xs].sort((x, y) => x.Name.localeCompare(y.Name));
    expect(byName(b)).toEqual(byName(a));
  });

  it('writes durations as compose reads them', () => {
    expect(duration(30e9)).toBe('30s');
    expect(duration(1.5e9)).toBe('1500ms');
    expect(duration(1500)).toBe('1500ns');
  });
});
