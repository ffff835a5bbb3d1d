import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { CALLBACK, CLIENT, withFakeGitHub } from './testing';

/** The OAuth web flow, driven with plain fetch the way next-auth (openid-client) would. */

const { gh, authorizeUrl, authorize, exchange, api } = withFakeGitHub();

describe('OAuth web flow', () => {
  it('signs in end to end: authorize → code → token → /user, /user/emails, /user/orgs, /user/teams', async () => {
    const state = 'xyz /+=&?é~';
    const back = await authorize('alice', { state });
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('state')).toBe(state);
    const code = back.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[0-9a-f]{20}$/);

    const token = await exchange(code);
    expect(token).toMatchObject({ token_type: 'bearer', scope: 'read:user,user:email,read:org' });
    expect(token.access_token).toMatch(/^gho_[A-Za-z0-9]{36}$/);

    const user = await (await api('/user', token.access_token)).json();
    expect(user).toMatchObject({ login: 'alice', name: 'Alice Admin', email: 'alice@example.test', type: 'User' });
    expect(user.id).toEqual(expect.any(Number));
    expect(user.url).toBe(`${gh().apiUrl}/users/alice`);
    expect(user.html_url).toBe(`${gh().webUrl}/alice`);
    expect((await fetch(user.avatar_url)).headers.get('content-type')).toBe('image/svg+xml');

    // github.com-style root and the `token` scheme next-auth uses for /user/emails reach the same data.
    const emails = await (await api('/user/emails', token.access_token, 'token', gh().url)).json();
    expect(emails).toEqual([{ email: 'alice@example.test', primary: true, verified: true, visibility: 'private' }]);

    const orgs = await (await api('/user/orgs', token.access_token)).json();
    expect(orgs.map((o: { login: string }) => o.login)).toEqual(['acme']);
    expect(orgs[0]).toMatchObject({ id: expect.any(Number), node_id: expect.any(String), url: `${gh().apiUrl}/orgs/acme` });

    const teams = await (await api('/user/teams', token.access_token)).json();
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ slug: 'ops', name: 'Ops', organization: { login: 'acme', type: 'Organization' } });
    expect(gh().tokensIssued()).toEqual([expect.objectContaining({ token: token.access_token, login: 'alice', clientId: 'berth-test' })]);
  });

  it('answers form-encoded unless asked for JSON, and takes client credentials in the body', async () => {
    const code = (await authorize('bob')).searchParams.get('code') ?? '';
    const res = await fetch(`${gh().webUrl}/login/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code }),
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    const body = new URLSearchParams(await res.text());
    expect(body.get('access_token')).toMatch(/^gho_/);
    expect(body.get('token_type')).toBe('bearer');
  });

  it('refuses a replayed code with bad_verification_code, HTTP 200', async () => {
    const code = (await authorize('alice')).searchParams.get('code') ?? '';
    expect((await exchange(code)).access_token).toBeTruthy();
    const again = await exchange(code);
    expect(again).toMatchObject({ error: 'bad_verification_code', error_description: expect.any(String) });
    expect(again.error_uri).toMatch(/^https:\/\/docs\.github\.com\//);
    expect(again.access_token).toBeUndefined();
  });

  it('refuses a code after ten minutes, and a code for another client', async () => {
    const code = (await authorize('alice')).searchParams.get('code') ?? '';
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 10 * 60 * 1000 + 1);
    expect((await exchange(code)).error).toBe('bad_verification_code');
    vi.restoreAllMocks();

    gh().registerClient({ clientId: 'other', clientSecret: 'x', redirectUris: [CALLBACK] });
    const code2 = (await authorize('alice')).searchParams.get('code') ?? '';
    const res = await fetch(`${gh().webUrl}/login/oauth/access_token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'other', client_secret: 'x', code: code2 }),
    });
    expect((await res.json()).error).toBe('bad_verification_code');
  });

  it('refuses a redirect_uri the app did not register with an error page, never a redirect', async () => {
    const bad = [
      'http://127.0.0.1:3001/api/auth/callback/github', // other port
      'http://evil.test/api/auth/callback/github',
      'http://127.0.0.1:3000/api/auth/callback/githubx', // prefix that is not a subdirectory
      'http://127.0.0.1:3000/api/auth/callback',
      'http://127.0.0.1:3000@evil.test/api/auth/callback/github', // user-info trick
      'https://127.0.0.1:3000/api/auth/callback/github', // other scheme
      'not a url',
    ];
    for (const redirect_uri of bad) {
      const res = await fetch(authorizeUrl({ redirect_uri, login: 'alice' }), { redirect: 'manual' });
      expect(res.status, redirect_uri).toBe(400);
      expect(res.headers.get('location'), redirect_uri).toBeNull();
    }
    // GitHub allows a subdirectory of the registered callback URL.
    const ok = await fetch(authorizeUrl({ redirect_uri: `${CALLBACK}/deeper`, login: 'alice' }), { redirect: 'manual' });
    expect(ok.status).toBe(302);

    const unknown = await fetch(authorizeUrl({ client_id: 'nobody', login: 'alice' }), { redirect: 'manual' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('location')).toBeNull();
  });

  it('refuses a token request whose redirect_uri differs from the one authorized', async () => {
    const code = (await authorize('alice')).searchParams.get('code') ?? '';
    expect((await exchange(code, { redirect_uri: `${CALLBACK}/deeper` })).error).toBe('redirect_uri_mismatch');
  });

  it('refuses a wrong client secret with incorrect_client_credentials', async () => {
    const code = (await authorize('alice')).searchParams.get('code') ?? '';
    expect((await exchange(code, {}, 'wrong')).error).toBe('incorrect_client_credentials');
    // The code was not spent by the failed attempt.
    expect((await exchange(code)).access_token).toMatch(/^gho_/);
  });

  it('checks PKCE when the client sent a code_challenge', async () => {
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    const code = (await authorize('alice', pkce)).searchParams.get('code') ?? '';
    expect((await exchange(code, { code_verifier: 'w'.repeat(50) })).error).toBe('bad_verification_code');
    expect((await exchange(code, { code_verifier: verifier })).access_token).toMatch(/^gho_/);
  });

  it('shows a page with one button per user when nobody was chosen; setNextLogin is used once', async () => {
    gh().setNextLogin('bob');
    expect((await fetch(authorizeUrl({}), { redirect: 'manual' })).status).toBe(302);
    const page = await fetch(authorizeUrl({ state: 's1' }), { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const login of ['alice', 'bob', 'carol']) expect(html).toContain(`value="${login}"`);
    expect(html).toContain('error=access_denied');
  });
});
