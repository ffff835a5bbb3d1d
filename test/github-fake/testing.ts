import { afterEach, beforeEach, expect, vi } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './server';

/**
 * Shared set-up for the fake's own tests: a fresh server per test, seeded with one org (acme: alice owner, bob
 * member; teams ops and devs) and one OAuth app, plus fetch helpers that call it the way next-auth (openid-client) does.
 */

export const CLIENT = { clientId: 'berth-test', clientSecret: 's3cret', redirectUris: ['http://127.0.0.1:3000/api/auth/callback/github'] };
export const CALLBACK = CLIENT.redirectUris[0];
export const SCOPES = 'read:user user:email read:org';

export function withFakeGitHub() {
  let current: FakeGitHub | undefined;
  const gh = (): FakeGitHub => {
    if (!current) throw new Error('the fake GitHub is only running inside a test');
    return current;
  };

  beforeEach(async () => {
    current = await startFakeGitHub({
      seed: {
        users: [{ login: 'alice', name: 'Alice Admin', email: 'alice@example.test' }, { login: 'bob' }, { login: 'carol', email: null }],
        orgs: [
          {
            login: 'acme',
            members: [{ login: 'alice', role: 'admin' }, 'bob'],
            teams: [
              { slug: 'ops', name: 'Ops', members: ['alice', 'bob'] },
              { slug: 'devs', name: 'Developers', members: ['bob'] },
            ],
          },
        ],
        clients: [CLIENT],
      },
    });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await current?.close();
    current = undefined;
  });

  function authorizeUrl(params: Record<string, string>): string {
    const u = new URL('/login/oauth/authorize', gh().webUrl);
    for (const [k, v] of Object.entries({ client_id: CLIENT.clientId, redirect_uri: CALLBACK, scope: SCOPES, ...params })) {
      u.searchParams.set(k, v);
    }
    return u.toString();
  }

  /** Runs /authorize as `login` and returns the redirect it answered with. */
  async function authorize(login: string, params: Record<string, string> = {}): Promise<URL> {
    gh().setNextLogin(login);
    const res = await fetch(authorizeUrl(params), { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') ?? '');
  }

  /** Exchanges a code as openid-client does: form body, HTTP Basic client credentials, Accept JSON. */
  async function exchange(code: string, extra: Record<string, string> = {}, secret = CLIENT.clientSecret) {
    const res = await fetch(`${gh().webUrl}/login/oauth/access_token`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, ...extra }),
    });
    expect(res.status).toBe(200); // GitHub answers token errors with 200 too
    return (await res.json()) as Record<string, string>;
  }

  async function tokenFor(login: string, scope = SCOPES): Promise<string> {
    const code = (await authorize(login, { scope })).searchParams.get('code') ?? '';
    return (await exchange(code)).access_token;
  }

  /** GET on the REST API (the /api/v3 base unless told otherwise) with an optional token. */
  const api = (path: string, token?: string, scheme = 'Bearer', base = gh().apiUrl) =>
    fetch(`${base}${path}`, { headers: token ? { authorization: `${scheme} ${token}` } : {} });

  return { gh, authorizeUrl, authorize, exchange, tokenFor, api };
}
