import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as audit from '@/app/api/v1/audit/route';
import * as login from '@/app/api/v1/auth/login/route';
import * as tokens from '@/app/api/v1/auth/tokens/route';
import * as hosts from '@/app/api/v1/hosts/route';
import * as users from '@/app/api/v1/users/[uid]/route';
import * as setup from '@/app/api/v1/setup/route';
import { loadConfig } from '@/server/config';
import { type Berth, installBerth, startBerth } from '@/server/context';
import { listAudit } from '@/server/audit/log';
import { ALL_HOSTS, putGrant } from '@/server/auth/grants';
import { findUserByName } from '@/server/auth/users';
import { freshBerth, params, req, signUp } from './support';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Sign-in, tokens and the audit trail through the real route handlers and store. */
let berth: Berth;
let viewer: string;

beforeAll(async () => {
  berth = await freshBerth();
  installBerth(berth);
  viewer = await signUp(berth, 'vera', 'viewer');
});

afterAll(async () => {
  await berth?.close();
});

const lastAudit = async (action: string) => (await listAudit(berth.db, { action, limit: 1 }))[0];

describe('API tokens', () => {
  it('are refused in a query string, even valid ones', async () => {
    const res = await hosts.GET(req(`/api/v1/hosts?access_token=${viewer}`, { token: null }), params({}));
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/only in the "Authorization: Bearer <token>" header/);
    expect((await hosts.GET(req(`/api/v1/hosts?x=${viewer}`), params({}))).status).toBe(401);
  });

  it("act with the owner's current role, never more, and stop when the owner is disabled", async () => {
    const token = await signUp(berth, 'otto', 'viewer');
    const create = () => hosts.POST(req('/api/v1/hosts', { method: 'POST', json: {}, token }), params({}));
    expect((await create()).status).toBe(403);
    const otto = (await findUserByName(berth.db, 'otto'))!;
    await putGrant(berth.db, { subject_kind: 'user', subject: otto.id, host_id: ALL_HOSTS, role: 'admin' });
    expect((await create()).status).toBe(400); // allowed now: refused only for the empty body
    const off = await users.PATCH(req(`/api/v1/users/${otto.id}`, { method: 'PATCH', json: { disabled: true } }), params({ uid: otto.id }));
    expect(off.status).toBe(200);
    const res = await hosts.GET(req('/api/v1/hosts', { token }), params({}));
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/owner of this API token is disabled/);
  });

  it('are shown once, listed without their secret, and dead once revoked or expired', async () => {
    const created = await tokens.POST(req('/api/v1/auth/tokens', { method: 'POST', json: { name: 'ci', expiresInDays: 30 }, token: viewer }), params({}));
    expect(created.status).toBe(201);
    const { token, info } = await created.json();
    expect(token).toMatch(/^berth_/);
    const list = await (await tokens.GET(req('/api/v1/auth/tokens', { token }), params({}))).json();
    expect(JSON.stringify(list)).not.toContain(token);
    expect(list.tokens.map((t: { name: string }) => t.name)).toContain('ci');
    const del = await import('@/app/api/v1/auth/tokens/[tid]/route');
    expect((await del.DELETE(req(`/api/v1/auth/tokens/${info.id}`, { method: 'DELETE', token: viewer }), params({ tid: info.id }))).status).toBe(200);
    expect((await hosts.GET(req('/api/v1/hosts', { token }), params({}))).status).toBe(401);
    await berth.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('prefix', '=', viewer.slice(0, 12))
      .execute();
    expect((await hosts.GET(req('/api/v1/hosts', { token: viewer }), params({}))).status).toBe(401);
    await berth.db.updateTable('api_tokens').set({ expires_at: null }).where('prefix', '=', viewer.slice(0, 12)).execute();
  });
});

describe('open streams', () => {
  it('end when their caller loses access, instead of streaming on', { timeout: 20_000 }, async () => {
    const live = await import('@/app/api/v1/live/route');
    const token = await signUp(berth, 'stella', 'viewer');
    const res = await live.GET(req('/api/v1/live', { token }), params({}));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let text = dec.decode((await reader.read()).value);
    expect(text).toContain('"snapshot"');
    const stella = (await findUserByName(berth.db, 'stella'))!;
    await users.PATCH(req(`/api/v1/users/${stella.id}`, { method: 'PATCH', json: { disabled: true } }), params({ uid: stella.id }));
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += dec.decode(value);
    }
    expect(text).toContain('event: access-lost');
    expect(text).toMatch(/owner of this API token is disabled/);
  });
});

describe('password login for scripts', () => {
  it('gives a short-lived token that works, and audits failures', async () => {
    const ok = await login.POST(req('/api/v1/auth/login', { method: 'POST', json: { username: 'vera', password: 'vera-Pa55word!' }, token: null }));
    expect(ok.status).toBe(200);
    const { token, expiresAt } = await ok.json();
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);
    expect((await hosts.GET(req('/api/v1/hosts', { token }), params({}))).status).toBe(200);
    const bad = await login.POST(req('/api/v1/auth/login', { method: 'POST', json: { username: 'vera', password: 'nope' }, token: null }));
    expect(bad.status).toBe(401);
    const entry = await lastAudit('auth.login.api');
    expect(entry).toMatchObject({ actor: 'vera', result: 'denied' });
    expect(JSON.stringify(entry)).not.toContain('nope');
  });

  it('is rate-limited per (address, user) pair, so a stranger cannot lock a user out', async () => {
    await signUp(berth, 'rita', 'admin');
    await signUp(berth, 'olga', 'viewer');
    const from = (peer: string, username: string, password: string) =>
      login.POST(req('/api/v1/auth/login', { method: 'POST', json: { username, password }, token: null, headers: { 'x-berth-peer': peer } }));
    const X = '10.9.9.1';
    const Y = '10.9.9.2';
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await from(X, 'rita', 'wrong')).status);
    // five free failures, then the pair waits (1 s, doubling)
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await from(X, 'rita', 'rita-Pa55word!');
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.message).toMatch(/Too many failed sign-ins; try again in 1 second/);
    // the same user from another address, and another user from the same address, are not slowed
    expect((await from(Y, 'rita', 'rita-Pa55word!')).status).toBe(200);
    expect((await from(X, 'olga', 'olga-Pa55word!')).status).toBe(200);
    // once the wait has passed, the right password from X works and clears the pair
    await new Promise((r) => setTimeout(r, 1100));
    expect((await from(X, 'rita', 'rita-Pa55word!')).status).toBe(200);
    expect((await from(X, 'rita', 'wrong')).status).toBe(401);
  });
});

describe('refusals are audited and change nothing', () => {
  it('a viewer calling a mutation route directly', async () => {
    const res = await hosts.POST(
      req('/api/v1/hosts', { method: 'POST', json: { kind: 'socket', name: 'sneaky', socketPath: '/var/run/docker.sock' }, token: viewer }),
      params({}),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/needs admin/);
    expect(berth.fleet.hosts().some((h) => h.name === 'sneaky')).toBe(false);
    const entry = await lastAudit('POST /api/v1/hosts');
    expect(entry, JSON.stringify(entry)).toMatchObject({ actor: 'vera', result: 'denied', status: 403 });
  });

  it('a POST from a foreign or null Origin, or this host over another scheme, even with a valid admin credential', async () => {
    const cases: [string, Record<string, string>][] = [
      ['https://evil.example', {}],
      ['null', {}],
      // the request came over http (server.ts marks it so): a page on https:// is another origin
      ['https://localhost:3000', { 'x-forwarded-proto': 'http' }],
      // behind a TLS proxy: a page on plain http:// of the same host must not act
      ['http://localhost:3000', { 'x-forwarded-proto': 'https' }],
    ];
    for (const [origin, extra] of cases) {
      const res = await hosts.POST(
        req('/api/v1/hosts', { method: 'POST', json: { kind: 'socket', name: 'x', socketPath: '/x' }, headers: { origin, ...extra } }),
        params({}),
      );
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toMatch(/Cross-origin request refused/);
    }
  });

  it('secrets in a request never reach the audit log', async () => {
    await hosts.POST(
      req('/api/v1/hosts', { method: 'POST', json: { kind: 'ssh', name: 'ssh-x', address: 'a', privateKey: 'PRIVATE-KEY-MATERIAL', passphrase: 'p4ss' } }),
      params({}),
    );
    const rows = await berth.db.selectFrom('audit_log').select(['details']).execute();
    const all = JSON.stringify(rows);
    expect(all).not.toContain('PRIVATE-KEY-MATERIAL');
    expect(all).not.toContain('p4ss');
    expect(all).toContain('[redacted]');
  });

  it('pages without skipping entries written in the same millisecond', async () => {
    const at = '2020-01-01T00:00:00.000Z';
    for (const id of ['p1', 'p2', 'p3']) {
      await berth.db
        .insertInto('audit_log')
        .values({
          id,
          at,
          actor: 'pager',
          actor_kind: 'local',
          ip: null,
          action: 'test.page',
          host_id: null,
          target: null,
          result: 'ok',
          status: 200,
          error: null,
          details: null,
        })
        .execute();
    }
    const first = await listAudit(berth.db, { actor: 'pager', limit: 2 });
    const rest = await listAudit(berth.db, { actor: 'pager', limit: 2, before: `${first[1].at}|${first[1].id}` });
    expect([...first, ...rest].map((r) => r.id).sort()).toEqual(['p1', 'p2', 'p3']);
  });

  it('admins read and export the log; others may not', async () => {
    expect((await audit.GET(req('/api/v1/audit', { token: viewer }), params({}))).status).toBe(403);
    const json = await (await audit.GET(req('/api/v1/audit?result=denied'), params({}))).json();
    expect(json.entries.length).toBeGreaterThan(0);
    expect(json.entries.every((e: { result: string }) => e.result === 'denied')).toBe(true);
    const csv = await audit.GET(req('/api/v1/audit?format=csv&actor=vera'), params({}));
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('at,actor,actor_kind,ip,action,host_id,target,result,status,error,details');
    expect(text).toContain('vera');
  });
});

describe('warnings on every page', () => {
  it('while Berth listens beyond loopback over plain HTTP, and while a weak admin password is the only way in', async () => {
    const { warnings } = await import('@/server/auth/page');
    const saved = structuredClone({ hostname: berth.config.hostname, auth: berth.config.auth });
    try {
      // the test admin's password holds its user name: weak
      expect((await warnings(berth)).join('\n')).toMatch(/"test-admin" has a weak password/);
      berth.config.hostname = '0.0.0.0';
      expect((await warnings(berth)).join('\n')).toMatch(/listens on 0\.0\.0\.0 over plain HTTP/);
      berth.config.auth.publicUrl = 'https://berth.example.com';
      berth.config.auth.github = { clientId: 'x', clientSecret: 'y', webUrl: 'https://github.com', apiUrl: 'https://api.github.com', orgs: ['acme'] };
      expect(await warnings(berth)).toEqual([]);
    } finally {
      Object.assign(berth.config, saved);
    }
  });
});

describe('first run', () => {
  it('answers 401 with a pointer to setup until an admin exists, then refuses a second setup', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-setup-'));
    const fresh = await startBerth(loadConfig({ BERTH_DATA_DIR: dir, BERTH_AUTO_REGISTER: '0' }));
    installBerth(fresh);
    try {
      const res = await hosts.GET(req('/api/v1/hosts', { token: null }), params({}));
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { details: { setup: true } } });
      expect(await (await setup.GET(req('/api/v1/setup', { token: null }))).json()).toEqual({ needsSetup: true });
      const short = await setup.POST(req('/api/v1/setup', { method: 'POST', json: { username: 'root', password: 'short' }, token: null }));
      expect(short.status).toBe(400);
      const made = await setup.POST(req('/api/v1/setup', { method: 'POST', json: { username: 'root', password: 'Long-enough-Pa55' }, token: null }));
      expect(made.status).toBe(201);
      const again = await setup.POST(req('/api/v1/setup', { method: 'POST', json: { username: 'evil', password: 'Long-enough-Pa55' }, token: null }));
      expect(again.status).toBe(409);
      expect((await hosts.GET(req('/api/v1/hosts', { token: null }), params({}))).status).toBe(401);
    } finally {
      await fresh.close();
      installBerth(berth);
    }
  });

  it('seeds the admin from BERTH_ADMIN_PASSWORD', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-seed-'));
    const seeded = await startBerth(loadConfig({ BERTH_DATA_DIR: dir, BERTH_AUTO_REGISTER: '0', BERTH_ADMIN_PASSWORD: 'Seeded-Pa55word-1' }));
    installBerth(seeded);
    try {
      const ok = await login.POST(
        req('/api/v1/auth/login', {
          method: 'POST',
          json: { username: 'admin', password: 'Seeded-Pa55word-1' },
          token: null,
          headers: { 'x-berth-peer': '10.9.9.2' },
        }),
      );
      expect(ok.status).toBe(200);
    } finally {
      await seeded.close();
      installBerth(berth);
    }
  });
});
