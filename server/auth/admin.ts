import type { AuditView, GrantView, UserView } from '@/lib/auth-types';
import type { GrantCreate, UserCreate } from '@/lib/schemas/auth';
import type { AuditRow } from '../audit/log';
import type { Berth } from '../berth';
import { forbidden, invalid, notFound } from '../errors';
import { adminExists, ALL_HOSTS, deleteGrant, type GrantRow, listGrantRows, putGrant } from './grants';
import type { Principal } from './policy';
import { revokeUserSessions } from './sessions';
import { createLocalUser, getUser, listUserRows, setDisabled, setPassword, teamsOf, type UserRow } from './users';

/** Admin views of users, grants and audit entries: no hashes, no tokens, only what the pages show. */
export function toGrantView(g: GrantRow, users: Map<string, UserRow>): GrantView {
  return {
    id: g.id,
    subjectKind: g.subject_kind,
    subject: g.subject,
    subjectLabel: g.subject_kind === 'user' ? (users.get(g.subject)?.username ?? '(removed user)') : g.subject,
    hostId: g.host_id,
    role: g.role,
    createdAt: g.created_at,
  };
}

export async function listUsers(berth: Berth): Promise<UserView[]> {
  const [users, grants] = await Promise.all([listUserRows(berth.db), listGrantRows(berth.db)]);
  const byId = new Map(users.map((u) => [u.id, u]));
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    kind: u.kind,
    displayName: u.display_name,
    disabled: !!u.disabled,
    weakPassword: !!u.weak_password,
    teams: teamsOf(u),
    lastSignInAt: u.last_sign_in_at,
    createdAt: u.created_at,
    grants: grants
      .filter(
        (g) =>
          (g.subject_kind === 'user' && g.subject === u.id) ||
          (g.subject_kind === 'github_user' && g.subject === u.username) ||
          (g.subject_kind === 'github_team' && teamsOf(u).includes(g.subject)),
      )
      .map((g) => toGrantView(g, byId)),
  }));
}

export async function addLocalUser(berth: Berth, input: UserCreate): Promise<UserView> {
  const user = await createLocalUser(berth.db, input.username, input.password);
  if (input.role) await putGrant(berth.db, { subject_kind: 'user', subject: user.id, host_id: ALL_HOSTS, role: input.role });
  return (await listUsers(berth)).find((u) => u.id === user.id)!;
}

/** Disabling revokes every session at once; the last enabled admin cannot lock everyone out. */
export async function updateUser(berth: Berth, actor: Principal, id: string, patch: { disabled?: boolean; password?: string }): Promise<UserView> {
  const user = await getUser(berth.db, id);
  if (!user) throw notFound('No such user; it may have been removed');
  if (patch.disabled) {
    if (id === actor.userId) throw invalid('You cannot disable your own account; ask another admin');
    await setDisabled(berth.db, id, true);
    if (!(await adminExists(berth.db))) {
      await setDisabled(berth.db, id, false);
      throw forbidden(`${user.username} is the last enabled local admin: make another admin first`);
    }
    await revokeUserSessions(berth.db, id, 'user disabled');
  } else if (patch.disabled === false) {
    await setDisabled(berth.db, id, false);
  }
  if (patch.password) await setPassword(berth.db, id, patch.password);
  return (await listUsers(berth)).find((u) => u.id === id)!;
}

export async function listGrants(berth: Berth): Promise<GrantView[]> {
  const [users, grants] = await Promise.all([listUserRows(berth.db), listGrantRows(berth.db)]);
  const byId = new Map(users.map((u) => [u.id, u]));
  return grants.map((g) => toGrantView(g, byId));
}

export async function addGrant(berth: Berth, g: GrantCreate): Promise<GrantView> {
  let subject = g.subject;
  if (g.subjectKind === 'user') {
    const users = await listUserRows(berth.db);
    const u = users.find((x) => x.id === g.subject || x.username === g.subject);
    if (!u) throw invalid(`No user named ${g.subject}; create the user first`, { issues: [{ path: 'subject', message: 'unknown user' }] });
    subject = u.id;
  }
  if (g.hostId !== ALL_HOSTS && !berth.fleet.has(g.hostId)) throw invalid(`No host with id ${g.hostId}; pick a registered host or * for every host`);
  const row = await putGrant(berth.db, { subject_kind: g.subjectKind, subject, host_id: g.hostId, role: g.role });
  const users = new Map((await listUserRows(berth.db)).map((u) => [u.id, u]));
  return toGrantView(row, users);
}

/** Removing a grant may remove the last admin: refused, so Berth never falls back into first-run setup by accident. */
export async function removeGrant(berth: Berth, id: string): Promise<void> {
  const before = (await listGrantRows(berth.db)).find((g) => g.id === id);
  if (!before) throw notFound('No such grant; it may already be removed');
  await deleteGrant(berth.db, id);
  if (!(await adminExists(berth.db))) {
    await putGrant(berth.db, { subject_kind: before.subject_kind, subject: before.subject, host_id: before.host_id, role: before.role });
    throw forbidden('This is the last local admin grant on every host: grant admin to another local user first');
  }
}

export const toAuditView = (r: AuditRow): AuditView => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  actorKind: r.actor_kind,
  ip: r.ip,
  action: r.action,
  hostId: r.host_id,
  target: r.target,
  result: r.result,
  status: r.status,
  error: r.error,
  details: r.details ? JSON.parse(r.details) : null,
});
