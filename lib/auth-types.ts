export type RoleName = 'viewer' | 'operator' | 'admin';

/** The signed-in account as pages show it. */
export interface PageAccount {
  name: string;
  kind: 'local' | 'github';
  /** the role on every host, or the strongest held on some host */
  role: RoleName | null;
  isAdmin: boolean;
}

/** An API token as listed: never the secret, which is shown once when it is made. */
export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  kind: 'api' | 'login';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface UserView {
  id: string;
  username: string;
  kind: 'local' | 'github';
  displayName: string | null;
  disabled: boolean;
  weakPassword: boolean;
  teams: string[];
  lastSignInAt: string | null;
  createdAt: string;
  grants: GrantView[];
}

export interface GrantView {
  id: string;
  subjectKind: 'user' | 'github_user' | 'github_team';
  subject: string;
  /** the user name for user grants */
  subjectLabel: string;
  hostId: string;
  role: RoleName;
  createdAt: string;
}

export interface AuditView {
  id: string;
  at: string;
  actor: string;
  actorKind: string;
  ip: string | null;
  action: string;
  hostId: string | null;
  target: string | null;
  result: 'ok' | 'denied' | 'error';
  status: number | null;
  error: string | null;
  details: unknown;
}
