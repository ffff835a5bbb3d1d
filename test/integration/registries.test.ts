import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '@/app/api/v1/registries/route';
import * as one from '@/app/api/v1/registries/[rid]/route';
import * as testLogin from '@/app/api/v1/registries/test-login/route';
import type { RegistryView } from '@/lib/types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { engineUnderTest, freshBerth, harness, type HarnessEnv, params, req, type Store, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

type RegistryEnv = HarnessEnv & { REGISTRY_OPEN: string; REGISTRY_AUTH: string; REGISTRY_USER: string; REGISTRY_PASSWORD: string };
const h = harness() as RegistryEnv;

const create = (body: unknown) => list.POST(req('/api/v1/registries', { method: 'POST', json: body }), params({}));
const patch = (rid: string, body: unknown) => one.PATCH(req(`/api/v1/registries/${rid}`, { method: 'PATCH', json: body }), params({ rid }));
const remove = (rid: string) => one.DELETE(req(`/api/v1/registries/${rid}`, { method: 'DELETE' }), params({ rid }));
const login = (body: unknown) => testLogin.POST(req('/api/v1/registries/test-login', { method: 'POST', json: body }), params({}));
async function listAll(): Promise<{ text: string; registries: RegistryView[] }> {
  const res = await list.GET(req('/api/v1/registries'), params({}));
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, registries: JSON.parse(text).registries };
}

describe.each<Store>(['sqlite', 'postgres'])('registries on %s', (store) => {
  let berth: Berth;
  let host: string;
  beforeAll(async () => {
    berth = await freshBerth(store);
    installBerth(berth);
    host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
    await waitFor('host A synced', () => berth.fleet.runtime(host).synced);
  });
  afterAll(async () => {
    await berth.close();
  });

  it('stores the password sealed and never returns it', async () => {
    const res = await create({ name: 'harness-auth', address: `http://${h.REGISTRY_AUTH}/`, username: h.REGISTRY_USER, password: h.REGISTRY_PASSWORD });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(h.REGISTRY_PASSWORD);
    const reg = JSON.parse(body).registry as RegistryView;
    // The scheme and trailing slash are dropped: the address is what image references name.
    expect(reg).toMatchObject({ name: 'harness-auth', address: h.REGISTRY_AUTH, username: h.REGISTRY_USER, hasPassword: true });
    const { text, registries } = await listAll();
    expect(text).not.toContain(h.REGISTRY_PASSWORD);
    expect(registries.map((r) => r.name)).toEqual(['harness-auth']);
    const row = await berth.db.selectFrom('registries').selectAll().executeTakeFirstOrThrow();
    expect(row.secrets).toMatch(/^v1\./);
    expect(row.secrets).not.toContain(h.REGISTRY_PASSWORD);
    // The audit entry of the request records it with the password redacted.
    const audit = await berth.db.selectFrom('audit_log').selectAll().where('action', '=', 'POST /api/v1/registries').execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(h.REGISTRY_PASSWORD);
  });

  it('refuses a second entry for the same address, and half credentials', async () => {
    const dup = await create({ name: 'again', address: h.REGISTRY_AUTH });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.message).toBe(`Registry ${h.REGISTRY_AUTH} is already stored as "harness-auth": change that entry instead`);
    const half = await create({ name: 'half', address: 'registry.example.com', username: 'u' });
    expect(half.status).toBe(400);
    expect((await half.json()).error.message).toMatch(/password: Give the password/);
  });

  it('tests the login through a host, with the stored password or a typed one', async () => {
    const id = (await listAll()).registries[0].id;
    const ok = await login({ hostId: host, registryId: id });
    expect(ok.status).toBe(200);
    expect((await ok.json()).message).toMatch(new RegExp(`^Host a logged in to ${h.REGISTRY_AUTH} as ${h.REGISTRY_USER}`));
    const bad = await login({ hostId: host, address: h.REGISTRY_AUTH, username: h.REGISTRY_USER, password: 'wrong' });
    expect(bad.status).toBe(400);
    const msg = (await bad.json()).error.message as string;
    expect(msg).toMatch(new RegExp(`^Registry ${h.REGISTRY_AUTH} refused the given credentials: check the credentials of registry ${h.REGISTRY_AUTH}`));
    expect(msg).not.toContain('wrong');
  });

  it('keeps the password when an edit leaves it empty, and clears credentials on request', async () => {
    const id = (await listAll()).registries[0].id;
    const renamed = await patch(id, { name: 'renamed', password: '' });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).registry).toMatchObject({ name: 'renamed', hasPassword: true });
    expect((await login({ hostId: host, registryId: id })).status).toBe(200);
    const cleared = await patch(id, { clearCredentials: true });
    expect((await cleared.json()).registry).toMatchObject({ username: null, hasPassword: false });
    const gone = await remove(id);
    expect((await gone.json()).message).toBe(`Removed registry renamed (${h.REGISTRY_AUTH}) and its stored credentials`);
    expect((await remove(id)).status).toBe(404);
  });
});
