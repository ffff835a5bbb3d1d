import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendEmpty, sendJson } from './http';
import { type Bases, accountJson, orgJson, orgMembershipJson, orgSummaryJson, teamJson, teamMembershipJson, userJson } from './shapes';
import type { GitHubState, IssuedToken, User } from './state';

/**
 * The slice of GitHub's REST API that sign-in and role mapping need. Memberships are read from the state on every
 * request, so removing someone from a team shows on their very next call with the same token.
 */

const DOCS = 'https://docs.github.com/rest';

/** /user/orgs needs `user` or `read:org` (GitHub's docs; 403 otherwise). The fake holds the other org and team reads to the same rule. */
const ORG_SCOPES = ['read:org', 'write:org', 'admin:org', 'user'];
const TEAM_SCOPES = [...ORG_SCOPES, 'repo'];

/** A broader scope grants the narrower ones GitHub documents under it. */
const IMPLIED: Record<string, string[]> = {
  user: ['read:user', 'user:email', 'user:follow'],
  'admin:org': ['write:org', 'read:org'],
  'write:org': ['read:org'],
};

export function hasScope(granted: string[], accepted: string[]): boolean {
  const all = new Set(granted.flatMap((s) => [s, ...(IMPLIED[s] ?? [])]));
  return accepted.some((s) => all.has(s));
}

interface Ctx {
  state: GitHubState;
  b: Bases;
  url: URL;
  res: ServerResponse;
  /** null on the public routes when no credentials were sent */
  me: User | null;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
type Route = { path: RegExp; scopes: string[]; public?: boolean; run: (c: Ctx, ...params: string[]) => Answer };

const notFound = (): Answer => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } });
const ok = (body: unknown, headers?: Record<string, string>): Answer => ({ status: 200, body, headers });
const me = (c: Ctx) => c.me as User;

const routes: Route[] = [
  { path: /^\/user$/, scopes: [], run: (c) => ok(userJson(c.b, me(c))) },
  {
    path: /^\/user\/emails$/,
    scopes: ['user:email', 'user'],
    run: (c) => {
      const email = me(c).email;
      return ok(paginate(c, email ? [{ email, primary: true, verified: true, visibility: 'private' }] : []));
    },
  },
  {
    path: /^\/user\/orgs$/,
    scopes: ORG_SCOPES,
    run: (c) =>
      ok(
        paginate(
          c,
          c.state.orgsOf(me(c).login).map((o) => orgSummaryJson(c.b, o)),
        ),
      ),
  },
  {
    path: /^\/user\/teams$/,
    scopes: TEAM_SCOPES,
    run: (c) =>
      ok(
        paginate(
          c,
          c.state.teamsOf(me(c).login).map(({ org, team }) => teamJson(c.b, org, team)),
        ),
      ),
  },
  {
    path: /^\/user\/memberships\/orgs\/([^/]+)$/,
    scopes: ORG_SCOPES,
    run: (c, orgName) => {
      const org = c.state.org(orgName);
      const role = org && c.state.orgRole(org, me(c).login);
      return org && role ? ok(orgMembershipJson(c.b, org, me(c), role)) : notFound();
    },
  },
  {
    // 204 member / 404 not. GitHub documents a 302 to public_members for requesters outside the org, but answers
    // 404 in practice (github/docs#27266), which is what the fake does.
    path: /^\/orgs\/([^/]+)\/members\/([^/]+)$/,
    scopes: ORG_SCOPES,
    run: (c, orgName, username) => {
      const org = c.state.org(orgName);
      if (!org || !c.state.orgRole(org, me(c).login) || !c.state.orgRole(org, username)) return notFound();
      return { status: 204 };
    },
  },
  {
    // Team endpoints are only for members of the team's organization. Org owners show as maintainers, as on GitHub.
    path: /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/,
    scopes: TEAM_SCOPES,
    run: (c, orgName, slug, username) => {
      const org = c.state.org(orgName);
      const team = org?.teams.get(slug.toLowerCase());
      if (!org || !team || !c.state.orgRole(org, me(c).login)) return notFound();
      const role = c.state.teamRole(team, username);
      if (!role) return notFound();
      const shown = c.state.orgRole(org, username) === 'admin' ? 'maintainer' : role;
      return ok(teamMembershipJson(c.b, org, team, c.state.user(username)?.login ?? username, shown));
    },
  },
  {
    path: /^\/orgs\/([^/]+)$/,
    scopes: [],
    public: true,
    run: (c, orgName) => {
      const org = c.state.org(orgName);
      return org ? ok(orgJson(c.b, org)) : notFound();
    },
  },
  {
    // GitHub answers /users/{name} for organizations too.
    path: /^\/users\/([^/]+)$/,
    scopes: [],
    public: true,
    run: (c, name) => {
      const user = c.state.user(name);
      if (user) return ok(userJson(c.b, user));
      const org = c.state.org(name);
      return org ? ok({ ...orgJson(c.b, org), ...accountJson(c.b, org, 'Organization') }) : notFound();
    },
  },
];

/**
 * Answers one REST request. `path` has any /api/v3 prefix already removed; `b.api` keeps it, so the URLs inside the
 * answer use the same prefix the client used.
 */
export function handleRest(state: GitHubState, req: IncomingMessage, url: URL, path: string, b: Bases, res: ServerResponse): void {
  const send = (a: Answer, extra: Record<string, string> = {}) => {
    const headers = { 'x-github-media-type': 'github.v3; format=json', ...extra, ...a.headers };
    if (a.body === undefined) sendEmpty(res, a.status, headers);
    else sendJson(res, a.status, a.body, headers);
  };
  const match = req.method === 'GET' || req.method === 'HEAD' ? findRoute(path) : null;
  if (!match) return send(notFound());
  const [route, params] = match;
  const ctx: Ctx = { state, b, url, res, me: null };

  const header = req.headers.authorization;
  if (!header) {
    if (route.public) return send(route.run(ctx, ...params));
    return send({ status: 401, body: { message: 'Requires authentication', documentation_url: DOCS, status: '401' } });
  }
  const token = tokenFrom(state, header);
  const user = token && state.user(token.login);
  if (!token || !user) return send({ status: 401, body: { message: 'Bad credentials', documentation_url: DOCS, status: '401' } });

  const scopeHeaders = { 'x-oauth-scopes': token.scopes.join(', '), 'x-accepted-oauth-scopes': route.scopes.join(', ') };
  if (route.scopes.length && !hasScope(token.scopes, route.scopes)) {
    const message = `This endpoint needs one of the OAuth scopes ${route.scopes.join(', ')}; the token has ${token.scopes.join(', ') || 'none'}.`;
    return send({ status: 403, body: { message, documentation_url: DOCS, status: '403' } }, scopeHeaders);
  }
  send(route.run({ ...ctx, me: user }, ...params), scopeHeaders);
}

function findRoute(path: string): [Route, string[]] | null {
  for (const route of routes) {
    const m = route.path.exec(path);
    if (m) return [route, m.slice(1).map(decodeURIComponent)];
  }
  return null;
}

/** GitHub takes `token X` and `Bearer X` alike. */
function tokenFrom(state: GitHubState, header: string): IssuedToken | undefined {
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
  return m ? state.tokens.get(m[1]) : undefined;
}

/**
 * Honors per_page (default 30, at most 100) and page, with a Link header when there is more than one page, so a
 * client that paginates properly works here too.
 */
function paginate<T>(c: Ctx, items: T[]): T[] {
  const perPage = Math.min(100, Math.max(1, Number(c.url.searchParams.get('per_page')) || 30));
  const page = Math.max(1, Math.floor(Number(c.url.searchParams.get('page')) || 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  if (last > 1) {
    const link = (n: number, rel: string) => {
      const u = new URL(c.url);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(n));
      return `<${u}>; rel="${rel}"`;
    };
    const parts = [];
    if (page > 1) parts.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) parts.push(link(page + 1, 'next'), link(last, 'last'));
    if (parts.length) c.res.setHeader('link', parts.join(', '));
  }
  return items.slice((page - 1) * perPage, page * perPage);
}
