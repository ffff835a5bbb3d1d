import { ApiError, call } from '@/lib/api-client';
import type { GrantCreate, TokenCreate, UserCreate } from '@/lib/schemas/auth';

export const accessApi = {
  me: () => call('GET /api/v1/auth/me'),

  tokens: () => call('GET /api/v1/auth/tokens').then((r) => r.tokens),
  createToken: (input: TokenCreate) => call('POST /api/v1/auth/tokens', {}, input),
  revokeToken: (tid: string) => call('DELETE /api/v1/auth/tokens/{tid}', { tid }),

  users: () => call('GET /api/v1/users').then((r) => r.users),
  createUser: (input: UserCreate) => call('POST /api/v1/users', {}, input).then((r) => r.user),
  updateUser: (uid: string, patch: { disabled?: boolean; password?: string }) => call('PATCH /api/v1/users/{uid}', { uid }, patch).then((r) => r.user),

  grants: () => call('GET /api/v1/grants').then((r) => r.grants),
  createGrant: (input: GrantCreate) => call('POST /api/v1/grants', {}, input).then((r) => r.grant),
  removeGrant: (gid: string) => call('DELETE /api/v1/grants/{gid}', { gid }),

  /** `query` from auditQuery() in lib/access-format.ts (one value per key) */
  audit: (query: string) => call('GET /api/v1/audit', Object.fromEntries(new URLSearchParams(query))).then((r) => r.entries),
};

/** A refusal (401/403) or bad input will not change on retry: show it at once; retry once on anything else. */
export const retryUnlessRefused = (failures: number, e: Error) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && failures < 1;
