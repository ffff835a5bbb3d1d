import type { Org, OrgRole, Team, TeamRole, User } from './state';

/**
 * JSON in the shape GitHub's REST API answers with: the fields clients read (id, login, node_id, avatar_url,
 * html_url, type, url) plus enough of the rest that typed clients (next-auth's GithubProfile, Octokit's types) find
 * what they expect. `api` is the API base the request came in on and `web` the site base, so followed URLs stay on
 * this server.
 */

export interface Bases {
  api: string;
  web: string;
}

const EPOCH = '2020-01-01T00:00:00Z';

/** GitHub's legacy global node ids are base64 of "<length-prefixed type><id>", e.g. "04:User1001". */
function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

export function accountJson(b: Bases, a: { login: string; id: number }, type: 'User' | 'Organization') {
  const u = `${b.api}/users/${a.login}`;
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId(type, a.id),
    avatar_url: `${b.web}/avatars/u/${a.id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${b.web}/${a.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type,
    site_admin: false,
  };
}

/** The full profile, as GET /user and GET /users/{username} answer. `email` is the public email GitHub shows. */
export function userJson(b: Bases, u: User) {
  return {
    ...accountJson(b, u, 'User'),
    name: u.name,
    company: null,
    blog: '',
    location: null,
    email: u.publicEmail ? u.email : null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: EPOCH,
    updated_at: EPOCH,
  };
}

/** An organization as listed by GET /user/orgs and nested in teams and memberships. */
export function orgSummaryJson(b: Bases, o: Org) {
  const u = `${b.api}/orgs/${o.login}`;
  return {
    login: o.login,
    id: o.id,
    node_id: nodeId('Organization', o.id),
    url: u,
    repos_url: `${u}/repos`,
    events_url: `${u}/events`,
    hooks_url: `${u}/hooks`,
    issues_url: `${u}/issues`,
    members_url: `${u}/members{/member}`,
    public_members_url: `${u}/public_members{/member}`,
    avatar_url: `${b.web}/avatars/u/${o.id}?v=4`,
    description: null,
  };
}

/** GET /orgs/{org} and GET /users/{org}: the summary plus the profile fields. */
export function orgJson(b: Bases, o: Org) {
  return {
    ...orgSummaryJson(b, o),
    name: o.login,
    company: null,
    blog: '',
    location: null,
    email: null,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${b.web}/${o.login}`,
    created_at: EPOCH,
    updated_at: EPOCH,
    type: 'Organization',
  };
}

/** A team as GET /user/teams lists it: with its organization spelled out, which is how a client tells teams apart. */
export function teamJson(b: Bases, o: Org, t: Team) {
  const u = `${b.api}/organizations/${o.id}/team/${t.id}`;
  return {
    id: t.id,
    node_id: nodeId('Team', t.id),
    url: u,
    html_url: `${b.web}/orgs/${o.login}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${u}/members{/member}`,
    repositories_url: `${u}/repos`,
    parent: null,
    members_count: t.members.size,
    repos_count: 0,
    created_at: EPOCH,
    updated_at: EPOCH,
    organization: orgJson(b, o),
  };
}

export function orgMembershipJson(b: Bases, o: Org, u: User, role: OrgRole) {
  return {
    url: `${b.api}/orgs/${o.login}/memberships/${u.login}`,
    state: 'active',
    role,
    organization_url: `${b.api}/orgs/${o.login}`,
    organization: orgSummaryJson(b, o),
    user: accountJson(b, u, 'User'),
  };
}

export function teamMembershipJson(b: Bases, o: Org, t: Team, login: string, role: TeamRole) {
  return { url: `${b.api}/organizations/${o.id}/team/${t.id}/memberships/${login}`, role, state: 'active' };
}
