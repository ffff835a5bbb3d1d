import { cache } from 'react';
import { isLoopback } from '../http/loopback';
import { type Berth, getBerth } from '../berth';
import { principalFromRequest } from './credentials';
import { adminExists } from './grants';
import type { PageAccount } from '@/lib/auth-types';
import type { Principal, Role } from './policy';

export type { PageAccount };

export type PageAccess = { state: 'setup' } | { state: 'signed-out' } | { state: 'in'; account: PageAccount; warnings: string[] };

/**
 * For server-rendered pages: who is looking, from the session cookie. Pages hold no data of their own (they fetch
 * through the API, which authorizes each call), except the first screens of Catalog and Swarm (see pagePrincipal);
 * this decides whether to show the app, the sign-in page or setup. Held for the request, as pagePrincipal is (the
 * layout and the Catalog page both ask).
 */
export const pageAccess = cache(async (cookieHeader: string | null): Promise<PageAccess> => {
  const berth = await getBerth();
  if (!(await adminExists(berth.db))) return { state: 'setup' };
  const p = await pagePrincipal(berth, cookieHeader);
  if (!p) return { state: 'signed-out' };
  return { state: 'in', account: accountOf(p), warnings: await warnings(berth) };
});

/**
 * The signed-in principal behind a page's cookie, or null. For the few pages that render their first screen on the
 * server (Catalog, Swarm): they authorize with it exactly as the API route they stand in for does. Held for the
 * request (React's cache): the app's layout and such a page look up the same session once, not twice.
 */
export const pagePrincipal = cache(async (berth: Berth, cookieHeader: string | null): Promise<Principal | null> => {
  try {
    return await principalFromRequest(berth, new Request('http://berth.invalid/', { headers: cookieHeader ? { cookie: cookieHeader } : {} }));
  } catch {
    return null;
  }
});

export function accountOf(p: Principal): PageAccount {
  return { name: p.name, kind: p.userKind, role: p.roleOn() ?? strongestAnywhere(p), isAdmin: p.roleOn() === 'admin' };
}

function strongestAnywhere(p: Principal): Role | null {
  const hosts = p.readableHosts();
  if (hosts === '*') return p.roleOn();
  let best: Role | null = null;
  const rank = { viewer: 1, operator: 2, admin: 3 } as const;
  for (const h of hosts) {
    const r = p.roleOn(h);
    if (r && (!best || rank[r] > rank[best])) best = r;
  }
  return best;
}

/** The warnings that stay on every page until fixed (issue #3, point 1). */
export async function warnings(berth: Berth): Promise<string[]> {
  const out: string[] = [];
  const { hostname, auth } = berth.config;
  if (!isLoopback(hostname) && !auth.publicUrl?.startsWith('https://')) {
    out.push(
      `Berth listens on ${hostname} over plain HTTP: passwords and session cookies cross the network unencrypted. Serve it behind HTTPS and set BERTH_PUBLIC_URL=https://…, or bind it to 127.0.0.1.`,
    );
  }
  if (!auth.github) {
    const weak = await berth.db
      .selectFrom('users')
      .innerJoin('grants', 'grants.subject', 'users.id')
      .select('users.username')
      .where('grants.role', '=', 'admin')
      .where('users.weak_password', '=', 1)
      .where('users.disabled', '=', 0)
      .executeTakeFirst();
    if (weak)
      out.push(
        `The admin "${weak.username}" has a weak password and it is the only way to sign in: set a longer one under Users, or configure GitHub sign-in.`,
      );
  }
  return out;
}
