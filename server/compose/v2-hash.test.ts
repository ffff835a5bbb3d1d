import { describe, expect, it } from 'vitest';
import { containerLabels } from './labels';
import { loadCompose } from './load';
import { goDuration, goJson } from './v2-hash';

const model = (compose: string) => {
  const r = loadCompose({ compose, env: '', project: 'probe' });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
};

/** Every hash below was printed by `docker compose config --hash '*'` (Compose v2.26.1) for the same file. */
const KEYS = `services:
  a:
    image: nginx:1.25
    command: sh -c "echo 'hi there' > /x"
    entrypoint: ["/bin/sh"]
    environment: [A=1, B=x<y&z]
    ports: ["8080:80", "127.0.0.1:8081:81", "9000-9001:90-91/udp", "82"]
    expose: ["3000", 4000]
    volumes: ["data:/data:ro", "/srv:/srv", "/anon", {type: tmpfs, target: /t, tmpfs: {size: 1000}}, {type: volume, source: data, target: /n, volume: {nocopy: true}}]
    networks: [front]
    depends_on: {b: {condition: service_healthy}}
    restart: unless-stopped
    labels: [x=1, y=2]
    user: "1000:1000"
    working_dir: /w
    hostname: h
    cap_add: [NET_ADMIN]
    cap_drop: [ALL]
    tty: true
    stdin_open: true
    stop_signal: SIGINT
    stop_grace_period: 1m30s
  b:
    image: redis:alpine
    networks: {front: {aliases: [cache]}, back: null}
    healthcheck: {test: ["CMD", "true"], interval: 10s, timeout: 5s, retries: 3, start_period: 1500ms}
    extra_hosts: ["h1:10.0.0.1", "h2=10.0.0.2"]
    logging: {driver: json-file, options: {max-size: 10m}}
    deploy: {replicas: 2}
    links: ["c:alias"]
  c:
    image: redis:alpine
    scale: 2
    environment: {Z: "1", A: 2}
    deploy: {resources: {limits: {cpus: "0.5", memory: 64m}}}
    healthcheck: {disable: true}
networks: {front: {}, back: {}}
volumes: {data: {}}
`;

describe('Compose v2 config hash', () => {
  it('agrees with docker compose v2.26 for every key Berth reproduces', () => {
    const m = model(KEYS);
    expect(m.services.a.composeHash).toBe('6c5ab3dbf6c386e0b2f1e1882464da4ff68dae91435e1fff2107578c669fde72');
    expect(m.services.b.composeHash).toBe('58e18a9943b6bc2d471eb279602b3ce2e5dca787f5acec8beae35b121f4e2000');
    expect(m.services.c.composeHash).toBe('8ccf19f535a0ee553aa9def6a0138427360e3aace55b2ea111bbd203842c88f2');
  });

  it('reads "127.0.0.1::81" (an ephemeral port on one address) as compose does', () => {
    expect(model(KEYS.replace('"127.0.0.1:8081:81"', '"127.0.0.1::81"')).services.a.composeHash).toBe(
      '4cd495447096a19fc0a5e218ca56893684c95e745a8c4dcedf4c2b91491face7',
    );
  });

  it('depends on the file, not on the project name, and is absent for keys it does not reproduce', () => {
    const m = model(
      'services:\n  web:\n    image: nginx:1.25\n    environment:\n      GREETING: hello\n    depends_on: [cache]\n  cache:\n    image: redis:alpine\n    volumes: [data:/data]\nvolumes:\n  data: {}\n',
    );
    expect(m.services.web.composeHash).toBe('4bcde7d029746a644c2a2427eaf64b4b92b16abd6ac3ceb94853f66600f502c0');
    expect(m.services.cache.composeHash).toBe('b3869008274a9272443c231fd12afd6bcd630927341216a7a92c380ab2f5e42e');
    expect(model('services:\n  web:\n    image: nginx:1.25\n    privileged: true\n').services.web.composeHash).toBeUndefined();
  });

  it('labels: v2 hash in the compose label, Berth hash beside it, v2 depends_on format', () => {
    const m = model(
      'services:\n  web:\n    image: nginx:1.25\n    depends_on: {db: {condition: service_healthy}}\n    links: [cache]\n  db: {image: redis:alpine}\n  cache: {image: redis:alpine}\n',
    );
    const l = containerLabels('probe', m.services.web, 1, 'berth', 'k');
    expect(l['com.docker.compose.config-hash']).toBe(m.services.web.composeHash);
    expect(l['io.berth.config-hash']).toBe('berth');
    expect(l['com.docker.compose.depends_on']).toBe('cache:service_started:true,db:service_healthy:false');
    expect(l['com.docker.compose.version']).toBe('2.26.1');
  });

  it('writes JSON and durations as Go does', () => {
    expect(goJson({ b: 'x<y&z', a: undefined })).toBe('{"b":"x\\u003cy\\u0026z"}');
    expect([90e9, 1.5e9, 500e6, 0, 3.6e12, 2e3].map(goDuration)).toEqual(['1m30s', '1.5s', '500ms', '0s', '1h0m0s', '2µs']);
  });
});
