import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as me from '@/app/api/v1/auth/me/route';
import * as hosts from '@/app/api/v1/hosts/route';
import { fetchMembership } from '@/server/auth/github';
import { ALL_HOSTS, putGrant } from '@/server/auth/grants';
import { recheckUser } from '@/server/auth/membership';
import { createSession } from '@/server/auth/sessions';
import { getUser, upsertGithubUser } from '@/server/auth/users';
import { type Berth, installBerth } from '@/server/context';
import { withFakeGitHub } from '../github-fake/testing';
import { freshBerth, params, req, waitFor } from './support';

/**
 * GitHub membership decides access: checked at sign-in, re-checked on a timer, and a user removed from the team loses
 * the team's role while one removed from the organization loses every session. Against the project's fake GitHub.
 */
const { gh, tokenFor } = withFakeGitHub();
let berth: Berth;

beforeAll(async () => {
  berth = await freshBerth('sqlite', {
    BERTH_GITHUB_CLIENT_ID: 'berth-test',
    BERTH_GITHUB_CLIENT_SECRET: 's3cret',
    BERTH_GITHUB_ORGS: 'acme',
    BERTH_MEMBERSHIP_RECHECK_MS: '500',
  });
  installBerth(berth);
});
afterAll(async () => {
  await berth?.close();
});

/** What next-auth's sign-in does for Berth, minus the browser: membership, user row, session, cookie. */
async function signInAs(login: string): Promise<{ cookie: string; userId: string }> {
  berth.config.auth.github = { ...berth.config.auth.github!, webUrl: gh().webUrl, apiUrl: gh().apiUrl };
  const token = await tokenFor(login);
  const m = await fetchMembership(berth.config.auth.github, token);
  expect(m?.orgs).toEqual(['acme']);
  const user = await upsertGithubUser(berth.db, { id: `gh-${login}`, login, name: login, sealedToken: berth.box.seal(token), teams: m!.teams });
  const session = await createSession(berth.db, user.id, 1, null);
  return { cookie: `next-auth.session-token=${await encode({ token: { sid: session.id }, secret: berth.authSecret })}`, userId: user.id };
}

const roleOf = async (cookie: string) => {
  const res = await me.GET(req('/api/v1/auth/me', { token: null, headers: { cookie } }), params({}));
  return res.status === 200 ? ((await res.json()).account.role as string | null) : res.status;
};

describe('GitHub organization and team membership', () => {
  it('maps teams to roles, and a team removal takes the role away at the next check', async () => {
    await putGrant(berth.db, { subject_kind: 'github_team', subject: 'acme/ops', host_id: ALL_HOSTS, role: 'operator' });
    const { cookie, userId } = await signInAs('bob');
    expect(await roleOf(cookie)).toBe('operator');
    gh().removeTeamMember('acme', 'ops', 'bob');
    await recheckUser(berth, (await getUser(berth.db, userId))!);
    expect(await roleOf(cookie)).toBeNull();
    expect((await hosts.GET(req('/api/v1/hosts', { token: null, headers: { cookie } }), params({}))).status).toBe(403);
  });

  it('revokes every session of a user removed from the organization, within the re-check interval', async () => {
    const { cookie } = await signInAs('alice'); // acme/ops: operator, from the grant above
    expect(await roleOf(cookie)).toBe('operator');
    gh().removeMember('acme', 'alice');
    // no explicit check: the periodic one (BERTH_MEMBERSHIP_RECHECK_MS=500 here, at most 15 minutes in production)
    await waitFor('the session to be revoked', async () => (await roleOf(cookie)) === 401, 5000);
    const revoked = await berth.db.selectFrom('sessions').selectAll().where('revoked_reason', 'like', '%no longer a member%').execute();
    expect(revoked.length).toBeGreaterThan(0);
  });
});
