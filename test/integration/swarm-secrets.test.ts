import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as audit from '@/app/api/v1/audit/route';
import * as secrets from '@/app/api/v1/hosts/[id]/swarm/secrets/route';
import * as secret from '@/app/api/v1/hosts/[id]/swarm/secrets/[sid]/route';
import * as secretAttach from '@/app/api/v1/hosts/[id]/swarm/secrets/[sid]/attach/route';
import * as secretDetach from '@/app/api/v1/hosts/[id]/swarm/secrets/[sid]/detach/route';
import * as configs from '@/app/api/v1/hosts/[id]/swarm/configs/route';
import * as config from '@/app/api/v1/hosts/[id]/swarm/configs/[sid]/route';
import * as configAttach from '@/app/api/v1/hosts/[id]/swarm/configs/[sid]/attach/route';
import type { SwarmConfigDetail, SwarmSecret } from '@/lib/swarm-types';
import type { Berth } from '@/server/context';
import type { SwarmEnv } from '../harness';
import { errorMessage as message, params, req, signUp, waitFor } from './support';
import { berthOnSwarm, createTestService, type RawTask, removeServices } from './swarm-support';

/**
 * Swarm secrets and configs (issue #14 point 5) on the harness's three-node swarm. Other suites use the same swarm at
 * the same time: everything here is named with this run's prefix and removed in afterAll.
 */
const prefix = `secrets-${randomBytes(3).toString('hex')}`;
const VALUE = `s3cr3t-${randomBytes(8).toString('hex')}`;
const svc = `${prefix}-svc`;

let berth: Berth;
let manager: string;
let engine: Docker;
let sw: SwarmEnv;
let viewerToken: string;
let operatorToken: string;

const sockets = () => [sw.managerSocket, ...sw.workerSockets];
const create = (json: unknown, token?: string) =>
  secrets.POST(req(`/api/v1/hosts/${manager}/swarm/secrets`, { method: 'POST', json, token }), params({ id: manager }));
const list = async (): Promise<SwarmSecret[]> => {
  const res = await secrets.GET(req(`/api/v1/hosts/${manager}/swarm/secrets`), params({ id: manager }));
  expect(res.status).toBe(200);
  return (await res.json()).secrets;
};
const attach = (sid: string, json: unknown, token?: string) =>
  secretAttach.POST(req(`/api/v1/hosts/${manager}/swarm/secrets/${sid}/attach`, { method: 'POST', json, token }), params({ id: manager, sid }));
const detach = (sid: string, json: unknown) =>
  secretDetach.POST(req(`/api/v1/hosts/${manager}/swarm/secrets/${sid}/detach`, { method: 'POST', json }), params({ id: manager, sid }));
const remove = (sid: string) => secret.DELETE(req(`/api/v1/hosts/${manager}/swarm/secrets/${sid}`, { method: 'DELETE' }), params({ id: manager, sid }));

/** The running task of the service that the predicate picks, and the node's socket: [socket, container id]. */
async function runningContainer(pick: (t: RawTask) => boolean): Promise<[string, string]> {
  const nodes = (await engine.listNodes()) as { ID: string; Status: { Addr: string } }[];
  const socketOf = (nodeId: string) => sockets()[sw.nodeAddrs.indexOf(nodes.find((n) => n.ID === nodeId)?.Status.Addr as never)];
  return waitFor(
    `a running task of ${svc}`,
    async () => {
      const tasks = (await engine.listTasks({ filters: { service: [svc], 'desired-state': ['running'] } })) as RawTask[];
      const t = tasks.find((x) => x.Status.State === 'running' && x.Status.ContainerStatus?.ContainerID && pick(x));
      return t ? ([socketOf(t.NodeID), t.Status.ContainerStatus!.ContainerID!] as [string, string]) : false;
    },
    60_000,
  );
}
const hasSecret = (n: string) => (t: RawTask) => (t.Spec.ContainerSpec?.Secrets ?? []).some((x) => x.SecretName === n);
const hasConfig = (n: string) => (t: RawTask) => (t.Spec.ContainerSpec?.Configs ?? []).some((x) => x.ConfigName === n);

/** `docker exec` in the node's daemon, as an argument array. */
const catIn = (socket: string, id: string, path: string) =>
  execFileSync(sw.cli, ['-H', `unix://${socket}`, 'exec', id, 'cat', path], { encoding: 'utf8', timeout: 15_000 });

beforeAll(async () => {
  ({ berth, manager, engine, sw } = await berthOnSwarm());
  viewerToken = await signUp(berth, 'secrets-viewer', 'viewer');
  operatorToken = await signUp(berth, 'secrets-operator', 'operator');
  await createTestService(engine, { name: svc, label: 'swarm-secrets', restart: { Condition: 'any', Delay: 500_000_000 } });
}, 60_000);

afterAll(async () => {
  if (!engine) return;
  // Secrets and configs can go only once no task uses them any more.
  await removeServices(engine, { name: svc }, true);
  for (const s of (await engine.listSecrets()) as { ID: string; Spec: { Name: string } }[])
    if (s.Spec.Name.startsWith(prefix))
      await engine
        .getSecret(s.ID)
        .remove()
        .catch(() => undefined);
  for (const c of (await engine.listConfigs()) as { ID: string; Spec: { Name: string } }[])
    if (c.Spec.Name.startsWith(prefix))
      await engine
        .getConfig(c.ID)
        .remove()
        .catch(() => undefined);
  await berth?.close();
}, 60_000);

describe('swarm secrets and configs', () => {
  const name = `${prefix}-db-pass`;
  let sid = '';

  it('creates a secret and lists it without its value; a viewer may list but not create', async () => {
    const res = await create({ name, data: VALUE, labels: { team: 'shop' } });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json();
    expect(body.message).toBe(`Secret ${name} created`);
    expect(body.secret).toMatchObject({ name, labels: { team: 'shop' }, usedBy: [] });
    sid = body.secret.id;
    expect(JSON.stringify(body)).not.toContain(VALUE);
    const mine = (await list()).filter((s) => s.name.startsWith(prefix));
    expect(mine).toEqual([expect.objectContaining({ id: sid, name, usedBy: [] })]);
    expect(JSON.stringify(await list())).not.toContain(VALUE);
    const detail = await secret.GET(req(`/api/v1/hosts/${manager}/swarm/secrets/${sid}`), params({ id: manager, sid }));
    expect(await detail.text()).not.toContain(VALUE);
    expect((await create({ name: `${prefix}-viewer`, data: 'x' }, viewerToken)).status).toBe(403);
  });

  it('refuses a name that exists, an invalid name and a value over 500 KiB, saying why', async () => {
    const dup = await create({ name, data: 'other' });
    expect(dup.status).toBe(409);
    expect(await message(dup)).toMatch(new RegExp(`^A secret named "${name}" already exists in the swarm of host swarm-manager: choose another name`));
    const bad = await create({ name: `-${prefix}`, data: 'x' });
    expect(bad.status).toBe(400);
    expect(await message(bad)).toContain('must start and end with a letter or digit');
    const big = await create({ name: `${prefix}-big`, data: Buffer.alloc(600 * 1024).toString('base64'), encoding: 'base64' });
    expect(big.status).toBe(400);
    expect(await message(big)).toContain('Docker takes secrets smaller than 500 KiB');
  });

  it('takes the value as a multipart file upload too, and the audit entry keeps only its size', async () => {
    const form = new FormData();
    form.set('name', `${prefix}-upload`);
    form.set('file', new Blob([Buffer.from(`${VALUE}-file`)]), 'key.pem');
    form.set('labels', JSON.stringify({ from: 'upload' }));
    const res = await secrets.POST(req(`/api/v1/hosts/${manager}/swarm/secrets`, { method: 'POST', body: form }), params({ id: manager }));
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await res.json()).secret).toMatchObject({ name: `${prefix}-upload`, labels: { from: 'upload' } });
    const noFile = new FormData();
    noFile.set('name', `${prefix}-nofile`);
    const bad = await secrets.POST(req(`/api/v1/hosts/${manager}/swarm/secrets`, { method: 'POST', body: noFile }), params({ id: manager }));
    expect(bad.status).toBe(400);
    expect(await message(bad)).toBe('The form has no file field: send the value as a file named "file"');
  });

  it('attaches it to a service: the value is readable at /run/secrets/<name> in the task container, wherever it runs', async () => {
    // an operator could read it from the task's container, so only an admin attaches a secret
    const refused = await attach(sid, { service: svc }, operatorToken);
    expect(refused.status).toBe(403);
    const res = await attach(sid, { service: svc });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).message).toBe(`Secret ${name} attached to service ${svc} at /run/secrets/${name}; its tasks are being replaced`);
    const [socket, cid] = await runningContainer(hasSecret(name));
    expect(catIn(socket, cid, `/run/secrets/${name}`)).toBe(VALUE);
    // The list says which service uses it; attaching twice is refused.
    expect((await list()).find((s) => s.id === sid)?.usedBy).toEqual([expect.objectContaining({ serviceName: svc, target: `/run/secrets/${name}` })]);
    const again = await attach(sid, { service: svc });
    expect(again.status).toBe(409);
    expect(await message(again)).toContain('is already attached to service');
  }, 90_000);

  it('refuses to remove a secret in use, naming the service', async () => {
    const res = await remove(sid);
    expect(res.status).toBe(409);
    expect(await message(res)).toBe(`Secret ${name} is used by service ${svc}: detach it from that service (or remove it) first`);
  });

  it('detaches it (the new task has no such file), then removes it', async () => {
    const res = await detach(sid, { service: svc });
    expect(res.status, await res.clone().text()).toBe(200);
    await runningContainer((t) => !hasSecret(name)(t));
    const again = await detach(sid, { service: svc });
    expect(again.status).toBe(409);
    expect(await message(again)).toContain('is not attached to service');
    // The old task may still hold it for a moment while it stops.
    await waitFor(
      'the secret to be removable',
      async () => {
        const r = await remove(sid);
        if (r.status !== 200) return false;
        expect((await r.json()).message).toBe(`Secret ${name} removed`);
        return true;
      },
      30_000,
    );
    expect((await list()).some((s) => s.id === sid)).toBe(false);
  }, 90_000);

  it('never records the value: no audit entry, in the store or through the API, holds it', async () => {
    const rows = await berth.db.selectFrom('audit_log').selectAll().execute();
    expect(rows.some((r) => String(r.action).includes('/swarm/secrets'))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(VALUE);
    const res = await audit.GET(req('/api/v1/audit?limit=500'), params({}));
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(VALUE);
  });

  it('creates a config from a file, shows its value on the detail, attaches it at a path of its own', async () => {
    const cname = `${prefix}-app-conf`;
    const text = `listen: 8080\nname: ${prefix}\n`;
    const res = await configs.POST(
      req(`/api/v1/hosts/${manager}/swarm/configs`, { method: 'POST', json: { name: cname, data: Buffer.from(text).toString('base64'), encoding: 'base64' } }),
      params({ id: manager }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const cid = (await res.json()).config.id as string;
    const detail = await config.GET(req(`/api/v1/hosts/${manager}/swarm/configs/${cid}`), params({ id: manager, sid: cid }));
    const c = (await detail.json()).config as SwarmConfigDetail;
    expect(c).toMatchObject({ name: cname, data: text, encoding: 'text', usedBy: [] });
    const list = await configs.GET(req(`/api/v1/hosts/${manager}/swarm/configs`), params({ id: manager }));
    expect(await list.text()).not.toContain('listen: 8080');
    const at = await configAttach.POST(
      req(`/api/v1/hosts/${manager}/swarm/configs/${cid}/attach`, { method: 'POST', json: { service: svc, target: '/etc/app.yml', mode: '0440' } }),
      params({ id: manager, sid: cid }),
    );
    expect(at.status, await at.clone().text()).toBe(200);
    const [socket, container] = await runningContainer(hasConfig(cname));
    expect(catIn(socket, container, '/etc/app.yml')).toBe(text);
    const rm = await config.DELETE(req(`/api/v1/hosts/${manager}/swarm/configs/${cid}`, { method: 'DELETE' }), params({ id: manager, sid: cid }));
    expect(rm.status).toBe(409);
    expect(await message(rm)).toContain(`is used by service ${svc}`);
  }, 90_000);
});
