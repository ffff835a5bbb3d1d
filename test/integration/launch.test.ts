import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as launchRoute from '@/app/api/v1/hosts/[id]/containers/route';
import * as inputRoute from '@/app/api/v1/hosts/[id]/containers/[cid]/launch-input/route';
import * as recreateRoute from '@/app/api/v1/hosts/[id]/containers/[cid]/recreate/route';
import { type Launch, type LaunchInput, LaunchSchema } from '@/lib/schemas/launch';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { docker, engineUnderTest, freshBerth, harness, params, req, signUp, uniqueName } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

const h = harness();
const HOST_NAME = 'launch-a';
let berth: Berth;
let host: string;
const names: string[] = [];
const volumes: string[] = [];
const networks: string[] = [];

const name = (prefix: string) => {
  const n = uniqueName(prefix);
  names.push(n);
  return n;
};
const launch = (json: unknown) => launchRoute.POST(req(`/api/v1/hosts/${host}/containers`, { method: 'POST', json }), params({ id: host }));
const launchInput = async (cid: string, mode: 'duplicate' | 'recreate'): Promise<Launch> => {
  const res = await inputRoute.GET(req(`/api/v1/hosts/${host}/containers/${cid}/launch-input?mode=${mode}`), params({ id: host, cid }));
  expect(res.status).toBe(200);
  return (await res.json()).launch;
};
const recreate = (cid: string, json: unknown) =>
  recreateRoute.POST(req(`/api/v1/hosts/${host}/containers/${cid}/recreate`, { method: 'POST', json }), params({ id: host, cid }));
/** Every container on daemon A whose name starts with `prefix`, as the docker CLI lists them. */
const cliNames = async (prefix: string) => (await docker(ENGINE, 'ps', '-a', '--format', '{{.Names}}')).split('\n').filter((n) => n.startsWith(prefix));
const inspectCli = async (n: string, fmt: string) => docker(ENGINE, 'inspect', '-f', fmt, n);
/** A command that stops at once on SIGTERM (sleep as PID 1 ignores it, and a stop would wait 10 s). */
const SLEEP = ['sh', '-c', 'trap "exit 0" TERM; sleep 300 & wait'];
const freePort = () => 20000 + Math.floor(Math.random() * 20000);

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: HOST_NAME, socketPath: ENGINE })).id;
});
afterAll(async () => {
  const all = (await docker(ENGINE, 'ps', '-a', '--format', '{{.Names}}')).split('\n');
  for (const n of all.filter((c) => names.some((p) => c.startsWith(p)))) await docker(ENGINE, 'rm', '-f', '-v', n).catch(() => undefined);
  for (const v of volumes) await docker(ENGINE, 'volume', 'rm', '-f', v).catch(() => undefined);
  for (const n of networks) await docker(ENGINE, 'network', 'rm', n).catch(() => undefined);
  await berth.close();
});

describe('launch a container on a real daemon', () => {
  it('launches with env, ports, volumes, networks, labels, limits and restart policy; the CLI sees the same; launch-input reads it back', async () => {
    const n = name('launch-full');
    const vol = uniqueName('launch-vol');
    const net = uniqueName('launch-net');
    volumes.push(vol);
    networks.push(net);
    await docker(ENGINE, 'network', 'create', net);
    const input: LaunchInput = {
      image: h.TEST_IMAGE,
      name: n,
      command: 'sh -c "echo started; sleep 300"',
      env: [
        { key: 'DB_URL', value: 'postgres://u:p@db/x?a=b' },
        { key: 'EMPTY', value: '' },
      ],
      labels: [{ key: 'team', value: 'shop' }],
      ports: [{ hostIp: '127.0.0.1', hostPort: '', containerPort: '80' }],
      volumes: [
        { type: 'volume', source: vol, target: '/data' },
        { type: 'anonymous', target: '/cache' },
        { type: 'bind', source: '/tmp', target: '/host-tmp', readOnly: true },
      ],
      networks: [
        { name: 'bridge', aliases: [] },
        { name: net, aliases: 'api, api-v1' },
      ],
      restart: 'on-failure',
      maxRetries: 3,
      memory: '64m',
      cpus: '0.5',
      workingDir: '/data',
      hostname: 'shop-host',
      healthcheck: { command: 'true', interval: '5s', retries: '2' },
      sensitive: true,
    };
    const res = await launch(input);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.container).toMatchObject({ name: n, state: 'running' });
    expect(body.pulled).toBe(false);

    expect(await inspectCli(n, '{{json .Config.Env}}')).toContain('"DB_URL=postgres://u:p@db/x?a=b"');
    expect(
      await inspectCli(n, '{{index .Config.Labels "team"}} {{index .Config.Labels "io.berth.sensitive"}} {{index .Config.Labels "io.berth.managed"}}'),
    ).toBe('shop true true');
    expect(
      await inspectCli(
        n,
        '{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.Config.WorkingDir}} {{.Config.Hostname}}',
      ),
    ).toBe(`on-failure:3 ${64 * 1024 * 1024} 500000000 /data shop-host`);
    const hostPort = await docker(ENGINE, 'port', n, '80/tcp');
    expect(hostPort).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await inspectCli(n, `{{json (index .NetworkSettings.Networks "${net}").Aliases}}`)).toMatch(/"api".*"api-v1"/);
    expect(await docker(ENGINE, 'exec', n, 'sh', '-c', 'echo $DB_URL; cat /proc/mounts | grep -c " /data \\| /cache \\| /host-tmp "')).toBe(
      'postgres://u:p@db/x?a=b\n3',
    );

    const back = await launchInput(n, 'recreate');
    const expected = LaunchSchema.parse({ ...input, command: ['sh', '-c', 'echo started; sleep 300'] });
    expect(back).toMatchObject({ ...expected, volumes: expect.any(Array), pullIfMissing: true });
    expect(back.volumes).toEqual([
      { type: 'anonymous', source: expect.stringMatching(/^[0-9a-f]{64}$/), target: '/cache', readOnly: false },
      { type: 'volume', source: vol, target: '/data', readOnly: false },
      { type: 'bind', source: '/tmp', target: '/host-tmp', readOnly: true },
    ]);
    // Sensitive: a viewer sees the variable names only, and may not launch.
    const viewer = await signUp(berth, uniqueName('vera'), 'viewer');
    const asViewer = await inputRoute.GET(req(`/api/v1/hosts/${host}/containers/${n}/launch-input`, { token: viewer }), params({ id: host, cid: n }));
    expect((await asViewer.json()).launch.env).toEqual([
      { key: 'DB_URL', value: '(hidden: sensitive container)' },
      { key: 'EMPTY', value: '(hidden: sensitive container)' },
    ]);
    const refused = await launchRoute.POST(
      req(`/api/v1/hosts/${host}/containers`, { method: 'POST', json: { image: h.TEST_IMAGE }, token: viewer }),
      params({ id: host }),
    );
    expect(refused.status).toBe(403);

    const dup = await launchInput(n, 'duplicate');
    expect(dup.name).toBe('');
    expect(dup.volumes[0]).toMatchObject({ type: 'anonymous', source: '' });
  });

  it('refuses an image that is not on the host when no registry can be reached, and leaves no container', async () => {
    const n = name('launch-noimg');
    const ref = `berth-missing-${process.pid}/nope:1`;
    const res = await launch({ image: ref, name: n });
    expect(res.status).toBe(502);
    expect((await res.json()).error.message).toMatch(
      new RegExp(
        `^Image ${ref} is not on host ${HOST_NAME} and no registry could be reached\\. Registry docker\\.io cannot be reached from host ${HOST_NAME}: .*no such host`,
      ),
    );
    expect(await cliNames(n)).toEqual([]);

    const off = await launch({ image: ref, name: n, pullIfMissing: false });
    expect(off.status).toBe(400);
    expect((await off.json()).error.message).toBe(`Image ${ref} is not on host ${HOST_NAME}: turn on "pull if missing", or pull it from the Images page first`);
  });

  it('pulls a missing image from a reachable registry, or says the registry does not have it', async () => {
    const reg = (h as typeof h & { REGISTRY_OPEN: string }).REGISTRY_OPEN;
    const missing = `${reg}/berth-test/launch-missing-${process.pid}:1`;
    const n = name('launch-regmiss');
    const res = await launch({ image: missing, name: n });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(
      new RegExp(`^Image ${missing} is not on host ${HOST_NAME}, and image ${missing} was not found on registry ${reg}: check the repository name and tag`),
    );
    expect(await cliNames(n)).toEqual([]);

    // The test image as pushed to the open registry; nobody else pulls this reference.
    const ref = `${reg}/${h.TEST_IMAGE}`;
    await docker(ENGINE, 'rmi', ref).catch(() => undefined);
    const n2 = name('launch-pulled');
    try {
      const ok = await launch({ image: ref, name: n2, command: 'sleep 300' });
      const body = await ok.json();
      expect(ok.status, JSON.stringify(body)).toBe(201);
      expect(body).toMatchObject({ pulled: true, container: { name: n2, state: 'running', image: ref } });
    } finally {
      await docker(ENGINE, 'rm', '-f', n2).catch(() => undefined);
      await docker(ENGINE, 'rmi', ref).catch(() => undefined);
    }
  });

  it('names the container holding a host port, and creates nothing', async () => {
    const holder = name('launch-holder');
    let port = freePort();
    for (let i = 0; i < 5; i++) {
      try {
        await docker(ENGINE, 'run', '-d', '--name', holder, '-p', `${port}:80`, h.TEST_IMAGE, 'sleep', '300');
        break;
      } catch {
        await docker(ENGINE, 'rm', '-f', holder).catch(() => undefined);
        port = freePort();
      }
    }
    const n = name('launch-port');
    const res = await launch({ image: h.TEST_IMAGE, name: n, command: 'sleep 300', ports: [{ hostPort: String(port), containerPort: '80' }] });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe(
      `Port ${port} on host ${HOST_NAME} is already used by container ${holder}: choose another host port, or leave it empty for a random one`,
    );
    expect(await cliNames(n)).toEqual([]);
  });

  it('answers bad port, volume and env syntax at the field, and creates nothing', async () => {
    const n = name('launch-bad');
    const res = await launch({
      image: h.TEST_IMAGE,
      name: n,
      ports: [{ hostPort: '80a', containerPort: '80' }],
      volumes: [{ type: 'volume', source: 'x', target: 'data' }],
      env: [
        { key: 'GOOD', value: 'a=b' },
        { key: '9BAD', value: '1' },
        { key: 'PEM', value: '-----BEGIN\nx' },
      ],
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.details.issues.map((i: { path: string }) => i.path)).toEqual([
      'env.1.key',
      'env.2.value',
      'ports.0.hostPort',
      'volumes.0.target',
      'volumes.0.source',
    ]);
    expect(error.message).toMatch(/env\.2\.value: Environment value must not contain line breaks/);
    expect(await cliNames(n)).toEqual([]);
  });

  it('removes the container again when start fails after create, or a network to join is missing', async () => {
    const n = name('launch-nostart');
    const res = await launch({ image: h.TEST_IMAGE, name: n, command: ['/no/such/binary'], volumes: [{ type: 'anonymous', target: '/scratch' }] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(new RegExp(`^The container could not start on host ${HOST_NAME}: .*no/such/binary`));
    expect(await cliNames(n)).toEqual([]);

    const n2 = name('launch-nonet');
    const res2 = await launch({ image: h.TEST_IMAGE, name: n2, command: 'sleep 300', networks: [{ name: 'bridge' }, { name: `no-such-net-${process.pid}` }] });
    expect(res2.status).toBe(400);
    // Engine 20.10 accepts the connect of a created container and fails at start.
    expect((await res2.json()).error.message).toMatch(
      new RegExp(`^The container could not start on host ${HOST_NAME}: network no-such-net-${process.pid} not found$`),
    );
    expect(await cliNames(n2)).toEqual([]);
  });

  it('refuses a name already taken, naming it', async () => {
    const n = name('launch-dup');
    expect((await launch({ image: h.TEST_IMAGE, name: n, command: 'sleep 300' })).status).toBe(201);
    const res = await launch({ image: h.TEST_IMAGE, name: n, command: 'sleep 300' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe(
      `A container named ${n} already exists on host ${HOST_NAME}: choose another name, or use "Edit & recreate" on that container`,
    );
  });

  it('applies the access policy to the exact create options before creating anything', async () => {
    const n = name('launch-policy');
    const operator = await signUp(berth, uniqueName('otto'), 'operator');
    const input = { image: h.TEST_IMAGE, name: n, privileged: true, volumes: [{ type: 'bind', source: '/etc', target: '/host-etc' }] };
    const res = await launchRoute.POST(req(`/api/v1/hosts/${host}/containers`, { method: 'POST', json: input, token: operator }), params({ id: host }));
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/^Only an admin may create this; change or remove: privileged: true.*bind mount of host path \/etc/);
    expect(await cliNames(n)).toEqual([]);
  });
});

describe('edit & recreate on a real daemon', () => {
  it('replaces the container under the same name, keeping named and anonymous volumes', async () => {
    const n = name('launch-rec');
    const vol = uniqueName('launch-recvol');
    volumes.push(vol);
    const res = await launch({
      image: h.TEST_IMAGE,
      name: n,
      command: SLEEP,
      env: [{ key: 'V', value: '1' }],
      volumes: [
        { type: 'volume', source: vol, target: '/named' },
        { type: 'anonymous', target: '/anon' },
      ],
    });
    expect(res.status).toBe(201);
    const oldId = (await res.json()).container.id;
    await docker(ENGINE, 'exec', n, 'sh', '-c', 'echo kept-named > /named/f; echo kept-anon > /anon/f');

    const edited = { ...(await launchInput(n, 'recreate')), env: [{ key: 'V', value: '2' }] };
    const r = await recreate(n, edited);
    const body = await r.json();
    expect(r.status, JSON.stringify(body)).toBe(200);
    expect(body.container).toMatchObject({ name: n, state: 'running' });
    expect(body.container.id).not.toBe(oldId);
    expect(await docker(ENGINE, 'exec', n, 'sh', '-c', 'echo $V; cat /named/f /anon/f')).toBe('2\nkept-named\nkept-anon');
    expect(await cliNames(n)).toEqual([n]);
    // The steps showed in the task panel; its result is only the id and name (no env values).
    const task = berth.tasks.list().find((t) => t.kind === 'recreate' && t.title === `Recreate ${n}`);
    expect(task).toMatchObject({ state: 'succeeded', hostId: host, result: { id: body.container.id, name: n } });
  });

  it('restores the old container when the new one cannot start, leaving no temporary container', async () => {
    const n = name('launch-recfail');
    const res = await launch({ image: h.TEST_IMAGE, name: n, command: SLEEP });
    const oldId = (await res.json()).container.id;
    const r = await recreate(n, { ...(await launchInput(n, 'recreate')), command: ['/no/such/binary'] });
    expect(r.status).toBe(400);
    expect((await r.json()).error.message).toMatch(new RegExp(`no/such/binary.*\\. Nothing was changed: container ${n} is back as it was and running\\.$`));
    expect(await cliNames(n)).toEqual([n]);
    expect(await inspectCli(n, '{{.Id}} {{.State.Status}}')).toBe(`${oldId} running`);
  });
});
