import { randomBytes } from 'node:crypto';

/**
 * The fake GitHub's whole world: accounts, organizations, teams, OAuth apps, codes and tokens, held in memory.
 * Every REST answer is computed from these maps at request time, so a membership change made mid-session shows on
 * the very next request (the point of the revocation tests). Logins, org names and team slugs are case-insensitive on
 * GitHub, so every map is keyed by the lower-cased name while the records keep the spelling they were given.
 */

export type OrgRole = 'member' | 'admin';
export type TeamRole = 'member' | 'maintainer';

export interface UserInput {
  login: string;
  id?: number;
  name?: string | null;
  email?: string | null;
  /**
   * false keeps the email off GET /user (a private email, common on GitHub) so only /user/emails has it: the path
   * where next-auth's GitHub provider has to make its second call. Defaults to true.
   */
  publicEmail?: boolean;
}

export interface User {
  login: string;
  id: number;
  name: string | null;
  email: string | null;
  publicEmail: boolean;
}

export interface Team {
  id: number;
  slug: string;
  name: string;
  /** lower-cased login → role */
  members: Map<string, TeamRole>;
}

export interface Org {
  login: string;
  id: number;
  /** lower-cased login → role */
  members: Map<string, OrgRole>;
  /** lower-cased slug → team */
  teams: Map<string, Team>;
}

export interface ClientInput {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface Grant {
  code: string;
  clientId: string;
  redirectUri: string;
  login: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

export interface IssuedToken {
  token: string;
  login: string;
  clientId: string;
  scopes: string[];
  createdAt: string;
}

/** GitHub's codes expire after ten minutes. */
export const CODE_TTL_MS = 10 * 60 * 1000;

const key = (name: string) => name.toLowerCase();

export class GitHubState {
  users = new Map<string, User>();
  orgs = new Map<string, Org>();
  clients = new Map<string, ClientInput>();
  grants = new Map<string, Grant>();
  tokens = new Map<string, IssuedToken>();
  nextLogin: string | null = null;
  // Users and organizations share GitHub's account id space; teams have their own.
  private nextAccountId = 1001;
  private nextTeamId = 501;

  reset(): void {
    for (const m of [this.users, this.orgs, this.clients, this.grants, this.tokens]) m.clear();
    this.nextLogin = null;
  }

  addUser(input: UserInput): User {
    if (!input.login) throw new Error('addUser needs a login');
    const existing = this.users.get(key(input.login));
    // Upsert, so a seed file and a test can both describe the same person without tripping over each other.
    const user: User = {
      login: input.login,
      id: input.id ?? existing?.id ?? this.nextAccountId++,
      name: input.name !== undefined ? input.name : (existing?.name ?? null),
      email: input.email !== undefined ? input.email : (existing?.email ?? `${input.login}@users.example.test`),
      publicEmail: input.publicEmail ?? existing?.publicEmail ?? true,
    };
    this.users.set(key(user.login), user);
    return user;
  }

  addOrg(login: string): Org {
    if (!login) throw new Error('addOrg needs a login');
    const existing = this.orgs.get(key(login));
    if (existing) return existing;
    if (this.users.has(key(login))) throw new Error(`'${login}' is already a user; GitHub accounts share one namespace`);
    const org: Org = { login, id: this.nextAccountId++, members: new Map(), teams: new Map() };
    this.orgs.set(key(login), org);
    return org;
  }

  addTeam(orgLogin: string, slug: string, name?: string): Team {
    const org = this.requireOrg(orgLogin);
    const existing = org.teams.get(key(slug));
    if (existing) {
      if (name) existing.name = name;
      return existing;
    }
    const team: Team = { id: this.nextTeamId++, slug, name: name ?? slug, members: new Map() };
    org.teams.set(key(slug), team);
    return team;
  }

  addMember(orgLogin: string, login: string, role: OrgRole = 'member'): void {
    if (role !== 'member' && role !== 'admin') throw new Error(`org role must be 'member' or 'admin', not '${role}'`);
    const org = this.requireOrg(orgLogin);
    this.requireUser(login);
    org.members.set(key(login), role);
  }

  /** Like GitHub, leaving an organization also removes the user from every team in it. */
  removeMember(orgLogin: string, login: string): void {
    const org = this.requireOrg(orgLogin);
    org.members.delete(key(login));
    for (const team of org.teams.values()) team.members.delete(key(login));
  }

  /**
   * GitHub adds a non-member to the organization when an owner puts them on a team (by invitation); the fake makes
   * them an active member at once, since there is nobody to accept the invitation.
   */
  addTeamMember(orgLogin: string, slug: string, login: string, role: TeamRole = 'member'): void {
    if (role !== 'member' && role !== 'maintainer') throw new Error(`team role must be 'member' or 'maintainer', not '${role}'`);
    const org = this.requireOrg(orgLogin);
    const team = this.requireTeam(org, slug);
    this.requireUser(login);
    if (!org.members.has(key(login))) org.members.set(key(login), 'member');
    team.members.set(key(login), role);
  }

  removeTeamMember(orgLogin: string, slug: string, login: string): void {
    this.requireTeam(this.requireOrg(orgLogin), slug).members.delete(key(login));
  }

  registerClient(input: ClientInput): void {
    if (!input.clientId || !input.clientSecret) throw new Error('registerClient needs clientId and clientSecret');
    if (!Array.isArray(input.redirectUris) || input.redirectUris.length === 0) {
      throw new Error('registerClient needs at least one redirect URI (GitHub requires a callback URL)');
    }
    for (const uri of input.redirectUris) new URL(uri); // throws on a malformed URI now rather than at sign-in
    this.clients.set(input.clientId, { ...input, redirectUris: [...input.redirectUris] });
  }

  setNextLogin(login: string | null): void {
    if (login !== null) this.requireUser(login);
    this.nextLogin = login;
  }

  /** The one-shot sign-in chosen by setNextLogin, cleared as it is used so one test's choice cannot leak into the next. */
  takeNextLogin(): string | null {
    const login = this.nextLogin;
    this.nextLogin = null;
    return login;
  }

  tokensIssued(): IssuedToken[] {
    return [...this.tokens.values()].map((t) => ({ ...t, scopes: [...t.scopes] }));
  }

  issueCode(g: Omit<Grant, 'code' | 'expiresAt' | 'used'>): Grant {
    const grant: Grant = { ...g, code: randomBytes(10).toString('hex'), expiresAt: Date.now() + CODE_TTL_MS, used: false };
    this.grants.set(grant.code, grant);
    return grant;
  }

  issueToken(grant: Grant): IssuedToken {
    const t: IssuedToken = {
      token: `gho_${randomToken(36)}`,
      login: grant.login,
      clientId: grant.clientId,
      scopes: grant.scopes,
      createdAt: new Date().toISOString(),
    };
    this.tokens.set(t.token, t);
    return t;
  }

  user(login: string): User | undefined {
    return this.users.get(key(login));
  }

  org(login: string): Org | undefined {
    return this.orgs.get(key(login));
  }

  orgRole(org: Org, login: string): OrgRole | undefined {
    return org.members.get(key(login));
  }

  teamRole(team: Team, login: string): TeamRole | undefined {
    return team.members.get(key(login));
  }

  orgsOf(login: string): Org[] {
    return [...this.orgs.values()].filter((o) => o.members.has(key(login)));
  }

  teamsOf(login: string): { org: Org; team: Team }[] {
    return this.orgsOf(login).flatMap((org) => [...org.teams.values()].filter((t) => t.members.has(key(login))).map((team) => ({ org, team })));
  }

  requireUser(login: string): User {
    const u = this.user(login);
    if (!u) throw new Error(`no user '${login}' on the fake GitHub: add it with addUser first`);
    return u;
  }

  requireOrg(login: string): Org {
    const o = this.org(login);
    if (!o) throw new Error(`no organization '${login}' on the fake GitHub: add it with addOrg first`);
    return o;
  }

  requireTeam(org: Org, slug: string): Team {
    const t = org.teams.get(key(slug));
    if (!t) throw new Error(`no team '${slug}' in organization '${org.login}': add it with addTeam first`);
    return t;
  }
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** GitHub's OAuth tokens look like gho_ + 36 base62 characters; clients that sniff the prefix see what they expect. */
function randomToken(length: number): string {
  return [...randomBytes(length)].map((b) => BASE62[b % 62]).join('');
}
