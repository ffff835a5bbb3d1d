import { ApiError, request } from '@/lib/api-client';
import type { AuditView, GrantView, PageAccount, RoleName, UserView } from '@/lib/auth-types';
import type { GrantCreate, TokenCreate, UserCreate } from '@/lib/schemas/auth';

/** An API token as listed: never the secret, which is shown once when it is made. */
export interface TokenInfo {
  id: string;
  name: string;
  prefix: string;
  kind: 'api' | 'login';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

const enc = encodeURIComponent;

export const accessApi = {
  me: () => request<{ account: PageAccount; roles: Record<string, RoleName | null> }>('GET', '/api/v1/auth/me'),

  tokens: () => request<{ tokens: TokenInfo[] }>('GET', '/api/v1/auth/tokens').then((r) => r.tokens),
  createToken: (input: TokenCreate) => request<{ token: string; info: TokenInfo }>('POST', '/api/v1/auth/tokens', input),
  revokeToken: (id: string) => request<unknown>('DELETE', `/api/v1/auth/tokens/${enc(id)}`),

  users: () => request<{ users: UserView[] }>('GET', '/api/v1/users').then((r) => r.users),
  createUser: (input: UserCreate) => request<{ user: UserView }>('POST', '/api/v1/users', input).then((r) => r.user),
  updateUser: (id: string, patch: { disabled?: boolean; password?: string }) => request<{ user: UserView }>('PATCH', `/api/v1/users/${enc(id)}`, patch).then((r) => r.user),

  grants: () => request<{ grants: GrantView[] }>('GET', '/api/v1/grants').then((r) => r.grants),
  createGrant: (input: GrantCreate) => request<{ grant: GrantView }>('POST', '/api/v1/grants', input).then((r) => r.grant),
  removeGrant: (id: string) => request<unknown>('DELETE', `/api/v1/grants/${enc(id)}`),

  /** `query` from auditQuery() in lib/access-format.ts */
  audit: (query: string) => request<{ entries: AuditView[] }>('GET', `/api/v1/audit${query ? `?${query}` : ''}`).then((r) => r.entries),
};

/** A refusal (401/403) or bad input will not change on retry: show it at once; retry once on anything else. */
export const retryUnlessRefused = (failures: number, e: Error) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && failures < 1;
