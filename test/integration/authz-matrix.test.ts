import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_HOSTS, putGrant } from '@/server/auth/grants';
import type { Role } from '@/server/auth/policy';
import { createSession } from '@/server/auth/sessions';
import { issueToken } from '@/server/auth/tokens';
import { createLocalUser } from '@/server/auth/users';
import { type Berth, installBerth } from '@/server/context';
import { freshBerth, req } from './support';

/**
 * The authorization matrix, generated from the code: every API route file is found on disk, every exported handler
 * must carry a rule (route() or publicRoute() attach it; a bare handler fails here), and each is called as nobody,
 * as a signed-in user with no role, and as viewer, operator and admin, both with a browser session cookie and with an
 * API token. Allowed calls may fail for other reasons (404 for the made-up ids used here), never with 401/403;
 * denied calls must answer 401/403 without running. The matrix is written to test-reports/authz-matrix.json.
 */
const ROOT = path.resolve(__dirname, '../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Routes anyone may call, reviewed one by one: adding to this list is a security decision. */
const PUBLIC = new Set(['GET /api/health', 'GET /api/v1/setup', 'POST /api/v1/setup', 'POST /api/v1/auth/login']);
/** next-auth's own endpoints: the sign-in flow itself, proven in the browser (e2e/auth.spec.ts). */
const SIGN_IN_FLOW = '/api/auth/[...nextauth]';

type Who = 'none' | 'norole' | Role;
const WHO: Who[] = ['none', 'norole', 'viewer', 'operator', 'admin'];
const RANK: Record<Who, number> = { none: -1, norole: 0, viewer: 1, operator: 2, admin: 3 };
const NEED: Record<string, number> = { public: -1, self: 0, read: 1, operate: 2, admin: 3 };

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === 'route.ts' ? [p] : [];
  });
}

let berth: Berth;
const creds: Record<Exclude<Who, 'none'>, { token: string; cookie: string }> = {} as never;

beforeAll(async () => {
  berth = await freshBerth();
  installBerth(berth);
  for (const who of ['norole', 'viewer', 'operator', 'admin'] as const) {
    const user = await createLocalUser(berth.db, `matrix-${who}`, `${who}-Pa55word!`);
    if (who !== 'norole') await putGrant(berth.db, { subject_kind: 'user', subject: user.id, host_id: ALL_HOSTS, role: who });
    const { token } = await issueToken(berth.db, user.id, 'matrix', 'api', null);
    const session = await createSession(berth.db, user.id, 1, null);
    const jwt = await encode({ token: { sid: session.id, name: user.username }, secret: berth.authSecret });
    creds[who] = { token, cookie: `next-auth.session-token=${jwt}` };
  }
});

afterAll(async () => {
  await berth?.close();
});

const files = routeFiles(path.join(ROOT, 'app/api'));

describe('authorization matrix', () => {
  it('finds the routes, and no server actions that it would miss', () => {
    expect(files.length).toBeGreaterThan(20);
    const sources = [...routeFiles(path.join(ROOT, 'app')), ...walk(path.join(ROOT, 'app')), ...walk(path.join(ROOT, 'components'))];
    const withActions = sources.filter((f) => /^\s*['"]use server['"]/m.test(fs.readFileSync(f, 'utf8')));
    expect(withActions, 'server actions must be added to this matrix before use').toEqual([]);
  });

  it('holds for every route, method and role, with session cookies and with API tokens', { timeout: 180_000 }, async () => {
    const matrix: Record<string, Record<string, string>> = {};
    const wrong: string[] = [];
    for (const file of files) {
      const template =
        '/' +
        path
          .relative(ROOT, path.dirname(file))
          .split(path.sep)
          .join('/')
          .replace(/^app\//, '');
      if (template === SIGN_IN_FLOW) continue;
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of METHODS) {
        const handler = mod[method] as (((r: Request, c: unknown) => Promise<Response>) & { rule?: string }) | undefined;
        if (!handler) continue;
        const key = `${method} ${template}`;
        const rule = handler.rule;
        if (!rule) {
          wrong.push(`${key}: exported without a rule (wrap it in route() from server/http/handler.ts)`);
          continue;
        }
        if (rule === 'public' && !PUBLIC.has(key)) wrong.push(`${key}: public but not in the reviewed PUBLIC list`);
        const params = Object.fromEntries([...template.matchAll(/\[([^\]]+)\]/g)].map((m) => [m[1], `no-such-${m[1]}`]));
        const url = template.replace(/\[([^\]]+)\]/g, (_, k: string) => `no-such-${k}`);
        matrix[key] = { rule };
        for (const who of WHO) {
          for (const via of who === 'none' ? (['none'] as const) : (['cookie', 'token'] as const)) {
            const c = who === 'none' ? undefined : creds[who];
            const headers: Record<string, string> = { origin: 'http://localhost:3000' };
            if (via === 'cookie' && c) headers.cookie = c.cookie;
            const ctl = new AbortController();
            const request = req(url, {
              method,
              headers,
              token: via === 'token' ? c!.token : null,
              signal: ctl.signal,
              ...(method === 'GET' || method === 'DELETE' ? {} : { json: {} }),
            });
            const res = await handler(request, { params: Promise.resolve(params) });
            ctl.abort();
            await res.body?.cancel().catch(() => {});
            const allowed = RANK[who] >= NEED[rule];
            const denied = res.status === 401 || res.status === 403;
            matrix[key][`${who}${via === 'none' ? '' : ` (${via})`}`] = `${res.status}`;
            if (allowed === denied) wrong.push(`${key} as ${who} via ${via}: got ${res.status}, expected ${allowed ? 'allowed' : 'denied'} (rule ${rule})`);
            if (!allowed && who === 'none' && res.status !== 401) wrong.push(`${key} without credentials: got ${res.status}, expected 401`);
          }
        }
      }
    }
    fs.mkdirSync(path.join(ROOT, 'test-reports'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'test-reports/authz-matrix.json'), JSON.stringify(matrix, null, 2));
    expect(wrong).toEqual([]);
    expect(Object.keys(matrix).length).toBeGreaterThan(30);
  });
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}
