/**
 * The few GitHub REST calls sign-in needs, against the configured API base URL (api.github.com, a GitHub Enterprise
 * Server's /api/v3, or the test suite's fake). Membership is read per configured organization with the user's own
 * OAuth token, so an organization's third-party restrictions are honoured as GitHub applies them.
 */
export interface GithubApi {
  apiUrl: string;
  orgs: string[];
}

export class GithubUnreachable extends Error {
  override name = 'GithubUnreachable';
}

export interface GithubProfile {
  id: string;
  login: string;
  name: string | null;
}

export interface Membership {
  /** allowed organizations the user is an active member of */
  orgs: string[];
  /** "org/team" slugs, lower case, within the allowed organizations */
  teams: string[];
}

async function get(api: GithubApi, token: string, path: string): Promise<Response> {
  try {
    return await fetch(`${api.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'user-agent': 'Berth' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new GithubUnreachable(`GitHub's API at ${api.apiUrl} could not be reached: ${(e as Error).message}`);
  }
}

export async function fetchProfile(api: GithubApi, token: string): Promise<GithubProfile | null> {
  const res = await get(api, token, '/user');
  if (res.status === 401) return null;
  if (!res.ok) throw new GithubUnreachable(`GitHub answered ${res.status} to /user`);
  const u = (await res.json()) as { id: number; login: string; name?: string | null };
  return { id: String(u.id), login: u.login, name: u.name ?? null };
}

/** null when the token no longer works (revoked on GitHub). */
export async function fetchMembership(api: GithubApi, token: string): Promise<Membership | null> {
  const orgs: string[] = [];
  for (const org of api.orgs) {
    const res = await get(api, token, `/user/memberships/orgs/${encodeURIComponent(org)}`);
    if (res.status === 401) return null;
    if (res.status === 404 || res.status === 403) continue;
    if (!res.ok) throw new GithubUnreachable(`GitHub answered ${res.status} to the membership of ${org}`);
    const m = (await res.json()) as { state?: string };
    if (m.state === 'active') orgs.push(org);
  }
  const teams: string[] = [];
  if (orgs.length) {
    for (let page = 1; page <= 10; page++) {
      const res = await get(api, token, `/user/teams?per_page=100&page=${page}`);
      if (res.status === 401) return null;
      if (!res.ok) throw new GithubUnreachable(`GitHub answered ${res.status} to /user/teams`);
      const list = (await res.json()) as { slug: string; organization?: { login?: string } }[];
      for (const t of list) {
        const org = (t.organization?.login ?? '').toLowerCase();
        if (orgs.includes(org)) teams.push(`${org}/${t.slug.toLowerCase()}`);
      }
      if (list.length < 100) break;
    }
  }
  return { orgs, teams };
}
