import type { Berth } from '../berth';
import { writeAudit } from '../audit/log';
import { fetchMembership, GithubUnreachable } from './github';
import { revokeUserSessions, usersWithLiveSessions } from './sessions';
import { getUser, setTeams, type UserRow } from './users';

/** The promise made to admins: a user removed on GitHub loses access within this window. */
export const MEMBERSHIP_MAX_AGE_MS = 15 * 60_000;

/**
 * Asks GitHub again which allowed organizations and teams the user belongs to. A user who is no longer in any allowed
 * organization (or whose token was revoked) has every session revoked at once; team changes change roles at once.
 * Returns the updated user, or null when access is gone.
 */
export async function recheckUser(berth: Berth, user: UserRow): Promise<UserRow | null> {
  const gh = berth.config.auth.github;
  if (!gh || !user.github_token) return lose(berth, user, 'GitHub sign-in is no longer configured');
  const m = await fetchMembership(gh, berth.box.open(user.github_token));
  if (!m || m.orgs.length === 0) return lose(berth, user, m ? `no longer a member of ${gh.orgs.join(', ')}` : 'GitHub token revoked');
  const changed = JSON.stringify(m.teams) !== user.teams;
  await setTeams(berth.db, user.id, m.teams);
  if (changed) {
    await writeAudit(berth.db, { actor: user.username, actorKind: 'github', action: 'auth.membership.changed', result: 'ok', details: { teams: m.teams } });
  }
  return { ...user, teams: JSON.stringify(m.teams), teams_checked_at: new Date().toISOString() };
}

async function lose(berth: Berth, user: UserRow, reason: string): Promise<null> {
  await setTeams(berth.db, user.id, []);
  const n = await revokeUserSessions(berth.db, user.id, reason);
  await writeAudit(berth.db, {
    actor: user.username,
    actorKind: 'github',
    action: 'auth.membership.revoked',
    result: 'ok',
    error: reason,
    details: { sessionsRevoked: n },
  });
  return null;
}

/**
 * The request-time guard behind the periodic check: a GitHub user last checked more than 15 minutes ago is checked
 * now. If GitHub cannot be reached, access is refused (not revoked) until a check succeeds: failing open would break
 * the 15-minute promise.
 */
export async function ensureFreshMembership(berth: Berth, user: UserRow): Promise<UserRow | null> {
  const age = Date.now() - Date.parse(user.teams_checked_at ?? '1970-01-01');
  if (age < MEMBERSHIP_MAX_AGE_MS) return user;
  try {
    return await recheckUser(berth, user);
  } catch (e) {
    if (e instanceof GithubUnreachable) return null;
    throw e;
  }
}

/** Re-checks every GitHub user with a live session, every `membershipRecheckMs`. Returns a stop function. */
export function startMembershipRechecks(berth: Berth): () => void {
  let running = false;
  const tick = async () => {
    if (running || !berth.config.auth.github) return;
    running = true;
    try {
      for (const id of await usersWithLiveSessions(berth.db)) {
        const user = await getUser(berth.db, id);
        if (user?.kind !== 'github' || user.disabled) continue;
        await recheckUser(berth, user).catch((e: Error) => console.warn(`berth: membership check of ${user.username} failed: ${e.message}`));
      }
    } catch (e) {
      console.warn(`berth: membership re-check failed: ${(e as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), berth.config.auth.membershipRecheckMs);
  timer.unref();
  return () => clearInterval(timer);
}
