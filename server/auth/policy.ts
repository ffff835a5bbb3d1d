import { BerthError } from '../errors';

/**
 * The one place that decides who may do what. Until sign-in lands (the access-control issue), Berth has a single
 * anonymous operator and every rule allows; each route already names its rule so that the policy can tighten
 * without touching routes.
 */
export type Rule = 'read' | 'operate' | 'admin';
export type Role = 'viewer' | 'operator' | 'admin';

export interface Principal {
  kind: 'session' | 'token' | 'anonymous';
  userId: string;
  /** shown in the audit log */
  name: string;
  /** the role this principal holds on one host; without a host, the role that holds on every host */
  roleOn(hostId?: string): Role | null;
}

export async function authorize(_req: Request, _rule: Rule, _hostId?: string): Promise<Principal> {
  return { kind: 'anonymous', userId: 'anonymous', name: 'anonymous', roleOn: () => 'admin' };
}

/**
 * Refuses cross-site mutations: a browser always sends Origin on POST/PATCH/DELETE and on WebSocket upgrades, and it
 * must name this server. Requests with no Origin come from non-browser clients (curl, scripts) and are allowed.
 */
export function checkOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  if (origin === null) return;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  let originHost: string | null = null;
  try {
    originHost = origin === 'null' ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== host) {
    throw new BerthError('forbidden', `Cross-origin request refused: Origin ${origin} does not match this server (${host})`);
  }
}
