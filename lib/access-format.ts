import type { GrantView, RoleName, UserView } from './auth-types';

/** Pure helpers of the Users, Settings → Access and Activity screens (unit-tested in access-format.test.ts). */

export const ALL_HOSTS = '*';

export type HostNames = ReadonlyMap<string, string>;

/** "All hosts", the host's name, or its id when the host was removed after the grant was made. */
export function hostLabel(hostId: string | null | undefined, names: HostNames): string {
  if (!hostId) return '—';
  if (hostId === ALL_HOSTS) return 'All hosts';
  return names.get(hostId) ?? `${hostId} (removed host)`;
}

/** "operator on all hosts", "viewer on web-1". */
export function describeGrant(g: Pick<GrantView, 'role' | 'hostId'>, names: HostNames): string {
  return g.hostId === ALL_HOSTS ? `${g.role} on all hosts` : `${g.role} on ${hostLabel(g.hostId, names)}`;
}

const RANK: Record<RoleName, number> = { viewer: 1, operator: 2, admin: 3 };

/** A user's roles, strongest first, each with where it comes from when that is a team. */
export function describeRoles(user: Pick<UserView, 'grants'>, names: HostNames): string[] {
  return [...user.grants]
    .sort((a, b) => RANK[b.role] - RANK[a.role] || (a.hostId === ALL_HOSTS ? -1 : b.hostId === ALL_HOSTS ? 1 : 0))
    .map((g) => describeGrant(g, names) + (g.subjectKind === 'github_team' ? ` (team ${g.subject})` : ''));
}

export const SUBJECT_KINDS: { value: GrantView['subjectKind']; label: string; placeholder: string; hint: string }[] = [
  { value: 'user', label: 'Local user', placeholder: 'alice', hint: 'The user name of a Berth account.' },
  { value: 'github_user', label: 'GitHub user', placeholder: 'octocat', hint: 'A GitHub login; they must belong to an allowed organization.' },
  { value: 'github_team', label: 'GitHub team', placeholder: 'acme/ops', hint: 'Written org/team-slug; every member of the team gets the role.' },
];

export function subjectKindLabel(kind: GrantView['subjectKind']): string {
  return SUBJECT_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

/** The filters of the Activity page, as typed: times come from datetime-local inputs (local time, no zone). */
export interface AuditFilters {
  actor: string;
  action: string;
  hostId: string;
  result: '' | 'ok' | 'denied' | 'error';
  since: string;
  until: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { actor: '', action: '', hostId: '', result: '', since: '', until: '' };

/** A datetime-local value ("2026-01-31T14:05") read as local time, as the API's ISO time; undefined when empty or unreadable. */
export function localToIso(value: string): string | undefined {
  if (!value.trim()) return undefined;
  const t = new Date(value).getTime();
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/** The query string of GET /api/v1/audit for these filters plus paging/format options; empty filters are left out. */
export function auditQuery(f: AuditFilters, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  const put = (k: string, v: string | number | undefined) => {
    if (v !== undefined && String(v).trim() !== '') p.set(k, String(v).trim());
  };
  put('actor', f.actor);
  put('action', f.action);
  put('hostId', f.hostId);
  put('result', f.result);
  put('since', localToIso(f.since));
  put('until', localToIso(f.until));
  for (const [k, v] of Object.entries(extra)) put(k, v);
  return p.toString();
}

/** The `before` cursor for the next page: the time of the oldest row shown, or none when the last page was short. */
export function nextCursor(page: { at: string; id: string }[], pageSize: number): string | undefined {
  const last = page[page.length - 1];
  // time and id together: entries written in the same millisecond are neither skipped nor repeated across pages
  return page.length < pageSize || !last ? undefined : `${last.at}|${last.id}`;
}

/** An audit target ("uid=3f2a… action=stop") with user ids named, so an admin reads "uid=alice" instead of a UUID. */
export function labelTarget(target: string | null, usernames: ReadonlyMap<string, string>): string | null {
  if (!target) return null;
  return target
    .split(' ')
    .map((part) => {
      const m = /^uid=(.+)$/.exec(part);
      const name = m ? usernames.get(m[1]) : undefined;
      return name ? `user=${name}` : part;
    })
    .join(' ');
}
