import { z } from 'zod';

/** One schema per input of sign-in and access control, shared by the forms, the handlers and the tests. */
export const UsernameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a user name')
  .max(64, 'A user name has at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'A user name may hold letters, digits, dot, dash and underscore, and starts with a letter or digit');

/**
 * What server/auth/passwords.ts isWeakPassword() accepts as strong, in the words forms show under a password field.
 * Kept beside the schema so the hint and the rule change together.
 */
export const STRONG_PASSWORD_HINT =
  'A strong password has 12 or more characters, mixes at least two kinds (lowercase, uppercase, digits, symbols), and is not a common word or your user name. 8 to 11 characters are accepted, but a warning stays on screen until you change it.';

export const NewPasswordSchema = z
  .string()
  .min(8, 'Use at least 8 characters (12 or more, with mixed kinds of characters, is not flagged as weak)')
  .max(200, 'Use at most 200 characters');

export const SetupSchema = z.object({ username: UsernameSchema, password: NewPasswordSchema });
export type SetupInput = z.infer<typeof SetupSchema>;

export const LoginSchema = z.object({ username: z.string().min(1, 'Enter your user name'), password: z.string().min(1, 'Enter your password') });

export const RoleSchema = z.enum(['viewer', 'operator', 'admin'], { message: 'Role must be viewer, operator or admin' });

export const TokenCreateSchema = z.object({
  name: z.string().trim().min(1, 'Name the token after where it is used, e.g. "CI deploys"').max(100, 'Use at most 100 characters'),
  expiresInDays: z.coerce.number().int('Whole days').min(1, 'At least 1 day').max(3650, 'At most 3650 days').nullable().optional(),
});
export type TokenCreate = z.infer<typeof TokenCreateSchema>;

export const UserCreateSchema = z.object({
  username: UsernameSchema,
  password: NewPasswordSchema,
  role: RoleSchema.nullable().optional(),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const UserUpdateSchema = z
  .object({ disabled: z.boolean().optional(), password: NewPasswordSchema.optional() })
  .refine((v) => v.disabled !== undefined || v.password !== undefined, 'Send "disabled" or "password"');

export const GrantCreateSchema = z
  .object({
    subjectKind: z.enum(['user', 'github_user', 'github_team'], { message: 'Grant to a user, a GitHub user or a GitHub team' }),
    subject: z.string().trim().min(1, 'Name who gets the role'),
    hostId: z.string().trim().min(1, 'Pick a host, or * for every host'),
    role: RoleSchema,
  })
  .refine((g) => g.subjectKind !== 'github_team' || /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(g.subject), {
    message: 'A GitHub team is written org/team-slug, e.g. acme/ops',
    path: ['subject'],
  });
export type GrantCreate = z.infer<typeof GrantCreateSchema>;

export const AuditQuerySchema = z.object({
  actor: z.string().optional(),
  action: z.string().optional(),
  hostId: z.string().optional(),
  result: z.enum(['ok', 'denied', 'error']).optional(),
  since: z.iso.datetime({ message: 'since must be an ISO time, e.g. 2026-01-31T00:00:00Z' }).optional(),
  until: z.iso.datetime({ message: 'until must be an ISO time, e.g. 2026-01-31T23:59:59Z' }).optional(),
  before: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(200),
  format: z.enum(['json', 'csv']).default('json'),
});
