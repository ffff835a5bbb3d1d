import path from 'node:path';
import { z } from 'zod';
import { sourceSettings } from './catalog/sources/settings';
import { DOCKER_DEFAULT_CAPS } from './auth/capabilities';

/**
 * Berth's configuration comes only from the environment, is validated once at start, and fails with a message that
 * names the variable and what a good value looks like — a typo in PORT should not surface as an EADDRINUSE later.
 */
const EnvSchema = z.object({
  PORT: z.coerce
    .number({ message: 'PORT must be a number, e.g. PORT=3000' })
    .int('PORT must be a whole number')
    .min(1, 'PORT must be between 1 and 65535')
    .max(65535, 'PORT must be between 1 and 65535')
    .default(3000),
  // Loopback by default: until sign-in exists, whoever reaches the port controls every registered host.
  // Not HOSTNAME: shells and containers often export that as the machine's name.
  BERTH_BIND: z.string().trim().min(1, 'BERTH_BIND must be an address such as 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  DOCKER_HOST: z
    .string()
    .refine((v) => v === '' || v.startsWith('unix://') || v.startsWith('/'), {
      message: 'DOCKER_HOST must be a unix socket, e.g. unix:///var/run/docker.sock (register TCP and SSH hosts in the UI)',
    })
    .optional(),
  BERTH_DATA_DIR: z.string().min(1, 'BERTH_DATA_DIR must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v), {
      message: 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:pass@host:5432/berth (leave unset for SQLite)',
    })
    .optional(),
  BERTH_SECRET_KEY: z
    .string()
    .refine((v) => v === '' || /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, 'base64').length === 32, {
      message: 'BERTH_SECRET_KEY must be 32 bytes as 64 hex characters or base64 (e.g. `openssl rand -hex 32`)',
    })
    .optional(),
  BERTH_HEARTBEAT_MS: z.coerce.number().int().min(250).max(600_000).default(2000),
  BERTH_AUTO_REGISTER: z.enum(['0', '1', 'true', 'false']).default('1'),
  // Link-local addresses (169.254.0.0/16, fe80::/10, fd00:ec2::254) are where clouds serve instance metadata.
  BERTH_ALLOW_LINK_LOCAL_HOSTS: z.enum(['0', '1', 'true', 'false'], { message: 'BERTH_ALLOW_LINK_LOCAL_HOSTS must be 0 or 1' }).default('0'),
  // What operators may use beyond the safe defaults (admins are never limited): comma-separated lists.
  BERTH_POLICY_CAPABILITIES: z.string().default(''),
  BERTH_POLICY_BIND_PATHS: z
    .string()
    .refine((v) => list(v).every((p) => p.startsWith('/')), {
      message: 'BERTH_POLICY_BIND_PATHS must be absolute host paths separated by commas, e.g. /srv/data,/opt/shared',
    })
    .default(''),
  // Volume drivers besides `local`, and filesystem types a local volume's driver_opts may mount (nfs, cifs…).
  BERTH_POLICY_VOLUME_DRIVERS: z
    .string()
    .refine((v) => list(v).every((d) => /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/.test(d)), {
      message: 'BERTH_POLICY_VOLUME_DRIVERS must be volume driver names separated by commas, e.g. rexray,local-persist',
    })
    .default(''),
  BERTH_POLICY_VOLUME_TYPES: z
    .string()
    .refine((v) => list(v).every((t) => /^[a-z0-9][a-z0-9._-]*$/.test(t)), {
      message: 'BERTH_POLICY_VOLUME_TYPES must be filesystem types separated by commas, e.g. nfs,nfs4,cifs',
    })
    .default(''),
  // Server directories a stack's `build: /abs/path` may use as context (colon-separated); empty: none, for every role.
  BERTH_BUILD_CONTEXT_PATHS: z
    .string()
    .refine(
      (v) =>
        v
          .split(':')
          .filter(Boolean)
          .every((p) => p.startsWith('/')),
      { message: 'BERTH_BUILD_CONTEXT_PATHS must be absolute directories separated by ":", e.g. /srv/builds:/opt/apps' },
    )
    .default(''),
  // Extra catalog folders (Berth's template format), read after the built-in one (colon-separated absolute paths).
  BERTH_CATALOG_DIRS: z
    .string()
    .refine(
      (v) =>
        v
          .split(':')
          .filter(Boolean)
          .every((p) => p.startsWith('/')),
      { message: 'BERTH_CATALOG_DIRS must be absolute catalog folders separated by ":", e.g. /srv/catalog/templates:/opt/more' },
    )
    .default(''),
  // Sign-in. BERTH_ADMIN_PASSWORD seeds the first admin for unattended installs (ignored once an admin exists).
  BERTH_ADMIN_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'BERTH_ADMIN_USERNAME must be letters, digits, dot, dash or underscore')
    .default('admin'),
  BERTH_ADMIN_PASSWORD: z.string().min(8, 'BERTH_ADMIN_PASSWORD must be at least 8 characters').optional().or(z.literal('')),
  BERTH_PUBLIC_URL: z.url({ message: 'BERTH_PUBLIC_URL must be the URL users open, e.g. https://berth.example.com' }).optional().or(z.literal('')),
  BERTH_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  BERTH_GITHUB_CLIENT_ID: z.string().optional(),
  BERTH_GITHUB_CLIENT_SECRET: z.string().optional(),
  BERTH_GITHUB_URL: z
    .url({ message: "BERTH_GITHUB_URL must be GitHub's web URL, e.g. https://github.example.com for GitHub Enterprise" })
    .default('https://github.com'),
  BERTH_GITHUB_API_URL: z
    .url({ message: "BERTH_GITHUB_API_URL must be GitHub's API URL, e.g. https://github.example.com/api/v3" })
    .default('https://api.github.com'),
  BERTH_GITHUB_ORGS: z.string().default(''),
  // Membership is re-checked at least this often; 15 minutes is the promise, so more is refused.
  BERTH_MEMBERSHIP_RECHECK_MS: z.coerce
    .number()
    .int()
    .min(500)
    .max(15 * 60_000, 'BERTH_MEMBERSHIP_RECHECK_MS must be at most 900000 (15 minutes)')
    .default(5 * 60_000),
  // How often the registries are asked whether running containers' images have updates; 0: only when asked.
  BERTH_IMAGE_UPDATE_MINUTES: z.coerce
    .number({ message: 'BERTH_IMAGE_UPDATE_MINUTES must be a number of minutes, e.g. BERTH_IMAGE_UPDATE_MINUTES=360 (0 turns scheduled checks off)' })
    .int('BERTH_IMAGE_UPDATE_MINUTES must be a whole number of minutes')
    .min(0, 'BERTH_IMAGE_UPDATE_MINUTES must be between 0 (off) and 10080 (a week)')
    .max(7 * 24 * 60, 'BERTH_IMAGE_UPDATE_MINUTES must be between 0 (off) and 10080 (a week)')
    .default(360),
});

function list(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface Config {
  port: number;
  hostname: string;
  dockerHost?: string;
  dataDir: string;
  databaseUrl?: string;
  secretKey?: string;
  heartbeatMs: number;
  autoRegister: boolean;
  /** BERTH_ALLOW_LINK_LOCAL_HOSTS: TCP and SSH hosts may be link-local (cloud metadata) addresses */
  allowLinkLocalHosts: boolean;
  policy: { allowedCapabilities: string[]; allowedBindPaths: string[]; allowedVolumeDrivers: string[]; allowedVolumeTypes: string[] };
  /** BERTH_BUILD_CONTEXT_PATHS */
  buildContextPaths: string[];
  /** BERTH_CATALOG_DIRS: catalog folders read after the built-in one */
  catalogDirs: string[];
  /** BERTH_IMAGE_UPDATE_MINUTES: minutes between scheduled image update checks; 0: only on demand */
  imageUpdateMinutes: number;
  auth: AuthConfig;
}

export interface AuthConfig {
  adminUsername: string;
  adminPassword?: string;
  publicUrl?: string;
  sessionHours: number;
  membershipRecheckMs: number;
  /** present only when both client id and secret are configured */
  github?: { clientId: string; clientSecret: string; webUrl: string; apiUrl: string; orgs: string[] };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Berth's configuration is invalid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // the catalog sources' settings are read where they are used (server/catalog/sources/settings.ts); a bad one must
  // still stop the start with the same clear message as every other setting
  try {
    sourceSettings(env);
  } catch (err) {
    throw new ConfigError(`Berth's configuration is invalid:\n  ${(err as Error).message}`);
  }
  if (!!e.BERTH_GITHUB_CLIENT_ID !== !!e.BERTH_GITHUB_CLIENT_SECRET) {
    throw new ConfigError(
      "Berth's configuration is invalid:\n  GitHub sign-in needs both BERTH_GITHUB_CLIENT_ID and BERTH_GITHUB_CLIENT_SECRET (from the OAuth app's page)",
    );
  }
  if (e.BERTH_GITHUB_CLIENT_ID && !list(e.BERTH_GITHUB_ORGS).length) {
    throw new ConfigError(
      "Berth's configuration is invalid:\n  BERTH_GITHUB_ORGS must name the organizations whose members may sign in, e.g. BERTH_GITHUB_ORGS=acme",
    );
  }
  const dockerHost = e.DOCKER_HOST ? e.DOCKER_HOST.replace(/^unix:\/\//, '') : undefined;
  return {
    port: e.PORT,
    hostname: e.BERTH_BIND,
    dockerHost,
    dataDir: path.resolve(e.BERTH_DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    secretKey: e.BERTH_SECRET_KEY || undefined,
    heartbeatMs: e.BERTH_HEARTBEAT_MS,
    autoRegister: e.BERTH_AUTO_REGISTER === '1' || e.BERTH_AUTO_REGISTER === 'true',
    allowLinkLocalHosts: e.BERTH_ALLOW_LINK_LOCAL_HOSTS === '1' || e.BERTH_ALLOW_LINK_LOCAL_HOSTS === 'true',
    buildContextPaths: e.BERTH_BUILD_CONTEXT_PATHS.split(':').filter(Boolean),
    catalogDirs: e.BERTH_CATALOG_DIRS.split(':').filter(Boolean),
    imageUpdateMinutes: e.BERTH_IMAGE_UPDATE_MINUTES,
    auth: {
      adminUsername: e.BERTH_ADMIN_USERNAME,
      adminPassword: e.BERTH_ADMIN_PASSWORD || undefined,
      publicUrl: e.BERTH_PUBLIC_URL ? e.BERTH_PUBLIC_URL.replace(/\/+$/, '') : undefined,
      sessionHours: e.BERTH_SESSION_HOURS,
      membershipRecheckMs: e.BERTH_MEMBERSHIP_RECHECK_MS,
      github:
        e.BERTH_GITHUB_CLIENT_ID && e.BERTH_GITHUB_CLIENT_SECRET
          ? {
              clientId: e.BERTH_GITHUB_CLIENT_ID,
              clientSecret: e.BERTH_GITHUB_CLIENT_SECRET,
              webUrl: e.BERTH_GITHUB_URL.replace(/\/+$/, ''),
              apiUrl: e.BERTH_GITHUB_API_URL.replace(/\/+$/, ''),
              orgs: list(e.BERTH_GITHUB_ORGS).map((o) => o.toLowerCase()),
            }
          : undefined,
    },
    policy: {
      allowedCapabilities: [...DOCKER_DEFAULT_CAPS, ...list(e.BERTH_POLICY_CAPABILITIES).map((c) => c.toUpperCase())],
      allowedBindPaths: list(e.BERTH_POLICY_BIND_PATHS),
      allowedVolumeDrivers: list(e.BERTH_POLICY_VOLUME_DRIVERS),
      allowedVolumeTypes: list(e.BERTH_POLICY_VOLUME_TYPES),
    },
  };
}
