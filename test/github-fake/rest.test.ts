import { describe, expect, it } from 'vitest';
import { withFakeGitHub } from './testing';

/** The REST endpoints sign-in and role mapping read, and how membership changes show through them. */

const { gh, tokenFor, api } = withFakeGitHub();

describe('REST API', () => {
  it('requires a valid token, as `token X` or `Bearer X`', async () => {
    const none = await api('/user');
    expect(none.status).toBe(401);
    expect((await none.json()).message).toBe('Requires authentication');
    const bad = await api('/user', 'gho_notatoken');
    expect(bad.status).toBe(401);
    expect((await bad.json()).message).toBe('Bad credentials');
    expect((await api('/user/teams', 'gho_notatoken', 'token')).status).toBe(401);

    const token = await tokenFor('bob');
    expect((await api('/user', token, 'token')).status).toBe(200);
    expect((await api('/user', token, 'Bearer')).status).toBe(200);
    // Like GitHub, public profiles need no token.
    expect((await (await api('/users/alice')).json()).login).toBe('alice');
    expect((await api('/users/nobody')).status).toBe(404);
  });

  it('answers the membership endpoints', async () => {
    const bob = await tokenFor('bob');
    expect((await api('/orgs/acme/members/alice', bob)).status).toBe(204);
    expect((await api('/orgs/acme/members/carol', bob)).status).toBe(404);
    expect(await (await api('/orgs/acme/teams/devs/memberships/bob', bob)).json()).toMatchObject({ state: 'active', role: 'member' });
    expect((await api('/orgs/acme/teams/devs/memberships/alice', bob)).status).toBe(404);
    // Org owners show as team maintainers.
    expect((await (await api('/orgs/acme/teams/ops/memberships/alice', bob)).json()).role).toBe('maintainer');

    const alice = await tokenFor('alice');
    expect(await (await api('/user/memberships/orgs/acme', alice)).json()).toMatchObject({
      state: 'active',
      role: 'admin',
      organization: { login: 'acme' },
      user: { login: 'alice' },
    });
    expect(await (await api('/user/memberships/orgs/acme', bob)).json()).toMatchObject({ role: 'member' });

    // A private email stays off /user and shows only on /user/emails, where next-auth looks next.
    gh().addUser({ login: 'bob', email: 'bob@private.test', publicEmail: false });
    expect((await (await api('/user', bob)).json()).email).toBeNull();
    expect((await (await api('/user/emails', bob)).json())[0]).toMatchObject({ email: 'bob@private.test', primary: true });

    const carol = await tokenFor('carol');
    expect((await api('/user/memberships/orgs/acme', carol)).status).toBe(404);
    expect(await (await api('/user/emails', carol)).json()).toEqual([]);
    // Outsiders cannot probe an organization's members or teams.
    expect((await api('/orgs/acme/members/alice', carol)).status).toBe(404);
    expect((await api('/orgs/acme/teams/ops/memberships/alice', carol)).status).toBe(404);
  });

  it('shows a membership removal on the very next request with the same token', async () => {
    const bob = await tokenFor('bob');
    const slugs = async () => (await (await api('/user/teams', bob)).json()).map((t: { slug: string }) => t.slug).sort();
    expect(await slugs()).toEqual(['devs', 'ops']);

    gh().removeTeamMember('acme', 'ops', 'bob');
    expect(await slugs()).toEqual(['devs']);
    expect((await api('/orgs/acme/teams/ops/memberships/bob', bob)).status).toBe(404);

    gh().removeMember('acme', 'bob');
    expect(await slugs()).toEqual([]);
    expect(await (await api('/user/orgs', bob)).json()).toEqual([]);
    expect((await api('/user/memberships/orgs/acme', bob)).status).toBe(404);
    const alice = await tokenFor('alice');
    expect((await api('/orgs/acme/members/bob', alice)).status).toBe(404);
    expect((await api('/orgs/acme/teams/devs/memberships/bob', alice)).status).toBe(404);
  });

  it('refuses org and team reads to a token without read:org, and reports scopes in headers', async () => {
    const token = await tokenFor('bob', 'read:user user:email');
    const res = await api('/user/teams', token);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-oauth-scopes')).toBe('read:user, user:email');
    expect(res.headers.get('x-accepted-oauth-scopes')).toContain('read:org');
    expect((await api('/user/orgs', token)).status).toBe(403);
    expect((await api('/user', token)).status).toBe(200);
    // `user` implies what /user/orgs needs, as on GitHub.
    expect((await api('/user/orgs', await tokenFor('bob', 'user'))).status).toBe(200);
  });

  it('honors per_page and page with a Link header', async () => {
    const bob = await tokenFor('bob');
    const first = await api('/user/teams?per_page=1', bob);
    expect(await first.json()).toHaveLength(1);
    expect(first.headers.get('link')).toContain('rel="next"');
    const second = await api('/user/teams?per_page=1&page=2', bob);
    expect(await second.json()).toHaveLength(1);
    expect(await (await api('/user/teams?per_page=1&page=3', bob)).json()).toEqual([]);
  });
});
