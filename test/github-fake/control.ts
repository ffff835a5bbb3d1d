import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http';
import type { ClientInput, GitHubState, IssuedToken, OrgRole, TeamRole, User, UserInput } from './state';

/**
 * The control API a test drives the fake with: in-process as methods, and over HTTP as POST /_control/<method> with
 * the arguments as a JSON object, for a Playwright spec or a shell script in another process.
 */

export interface Control {
  addUser(user: UserInput): User;
  addOrg(login: string): { login: string; id: number };
  addTeam(org: string, slug: string, name?: string): { id: number; slug: string; name: string };
  addMember(org: string, login: string, role?: OrgRole): void;
  removeMember(org: string, login: string): void;
  addTeamMember(org: string, slug: string, login: string, role?: TeamRole): void;
  removeTeamMember(org: string, slug: string, login: string): void;
  registerClient(client: ClientInput): void;
  /** Who the next /login/oauth/authorize signs in as, without a page; used once, then cleared. null clears it. */
  setNextLogin(login: string | null): void;
  tokensIssued(): IssuedToken[];
  /** Adds everything a seed describes (the CLI's --seed file has this shape). */
  seed(seed: Seed): void;
  /** Forgets every user, org, client, code and token. */
  reset(): void;
}

type Member<R> = string | { login: string; role?: R };

export interface Seed {
  users?: UserInput[];
  orgs?: {
    login: string;
    members?: Member<OrgRole>[];
    teams?: { slug: string; name?: string; members?: Member<TeamRole>[] }[];
  }[];
  clients?: ClientInput[];
  nextLogin?: string;
}

export function controlFor(state: GitHubState): Control {
  const control: Control = {
    addUser: (u) => ({ ...state.addUser(u) }),
    addOrg: (login) => {
      const o = state.addOrg(login);
      return { login: o.login, id: o.id };
    },
    addTeam: (org, slug, name) => {
      const t = state.addTeam(org, slug, name);
      return { id: t.id, slug: t.slug, name: t.name };
    },
    addMember: (org, login, role) => state.addMember(org, login, role),
    removeMember: (org, login) => state.removeMember(org, login),
    addTeamMember: (org, slug, login, role) => state.addTeamMember(org, slug, login, role),
    removeTeamMember: (org, slug, login) => state.removeTeamMember(org, slug, login),
    registerClient: (c) => state.registerClient(c),
    setNextLogin: (login) => state.setNextLogin(login),
    tokensIssued: () => state.tokensIssued(),
    seed: (seed) => applySeed(control, seed),
    reset: () => state.reset(),
  };
  return control;
}

function applySeed(c: Control, seed: Seed): void {
  for (const u of seed.users ?? []) c.addUser(u);
  for (const o of seed.orgs ?? []) {
    c.addOrg(o.login);
    for (const m of o.members ?? []) {
      if (typeof m === 'string') c.addMember(o.login, m);
      else c.addMember(o.login, m.login, m.role);
    }
    for (const t of o.teams ?? []) {
      c.addTeam(o.login, t.slug, t.name);
      for (const m of t.members ?? []) {
        if (typeof m === 'string') c.addTeamMember(o.login, t.slug, m);
        else c.addTeamMember(o.login, t.slug, m.login, m.role);
      }
    }
  }
  for (const client of seed.clients ?? []) c.registerClient(client);
  if (seed.nextLogin) c.setNextLogin(seed.nextLogin);
}

type Args = Record<string, unknown>;

function str(a: Args, k: string): string {
  const v = a[k];
  if (typeof v !== 'string' || !v) throw new Error(`'${k}' must be a non-empty string`);
  return v;
}

function opt<T>(a: Args, k: string, type: 'string' | 'number' | 'boolean'): T | undefined {
  const v = a[k];
  if (v === undefined || v === null) return v as T | undefined;
  if (typeof v !== type) throw new Error(`'${k}' must be a ${type}`);
  return v as T;
}

/** Each HTTP method name → how its JSON arguments map onto the in-process call. */
const HTTP: Record<string, (c: Control, a: Args) => unknown> = {
  addUser: (c, a) =>
    c.addUser({
      login: str(a, 'login'),
      id: opt(a, 'id', 'number'),
      name: opt(a, 'name', 'string'),
      email: opt(a, 'email', 'string'),
      publicEmail: opt(a, 'publicEmail', 'boolean'),
    }),
  addOrg: (c, a) => c.addOrg(str(a, 'login')),
  addTeam: (c, a) => c.addTeam(str(a, 'org'), str(a, 'slug'), opt(a, 'name', 'string')),
  addMember: (c, a) => c.addMember(str(a, 'org'), str(a, 'login'), opt(a, 'role', 'string')),
  removeMember: (c, a) => c.removeMember(str(a, 'org'), str(a, 'login')),
  addTeamMember: (c, a) => c.addTeamMember(str(a, 'org'), str(a, 'slug'), str(a, 'login'), opt(a, 'role', 'string')),
  removeTeamMember: (c, a) => c.removeTeamMember(str(a, 'org'), str(a, 'slug'), str(a, 'login')),
  registerClient: (c, a) => {
    const uris = a.redirectUris;
    if (!Array.isArray(uris) || !uris.every((u) => typeof u === 'string')) throw new Error("'redirectUris' must be an array of strings");
    c.registerClient({ clientId: str(a, 'clientId'), clientSecret: str(a, 'clientSecret'), redirectUris: uris });
  },
  setNextLogin: (c, a) => c.setNextLogin(opt<string>(a, 'login', 'string') ?? null),
  tokensIssued: (c) => c.tokensIssued(),
  seed: (c, a) => c.seed(a as Seed),
  reset: (c) => c.reset(),
};

export async function handleControl(control: Control, req: IncomingMessage, name: string, res: ServerResponse): Promise<void> {
  const call = Object.hasOwn(HTTP, name) ? HTTP[name] : undefined;
  if (!call) return sendJson(res, 404, { error: `no control method '${name}'; there are: ${Object.keys(HTTP).join(', ')}` });
  // GET is allowed for the read-only call so a person can look from a browser.
  if (req.method !== 'POST' && !(req.method === 'GET' && name === 'tokensIssued')) {
    return sendJson(res, 405, { error: `use POST /_control/${name} with a JSON object body` }, { allow: 'POST' });
  }
  try {
    const body = await readBody(req);
    const args: unknown = body ? JSON.parse(body) : {};
    if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new Error('the body must be a JSON object');
    sendJson(res, 200, { result: call(control, args as Args) ?? null });
  } catch (e) {
    sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
