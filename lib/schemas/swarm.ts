import { z } from 'zod';

/** A node as the Engine names it: its id (25 lowercase alphanumerics, or a unique prefix) or its hostname. */
export const NodeRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'Node id must be a node id (or unique prefix) or hostname');

/** Prefixes Docker keeps for itself (its label documentation): a user label there could be taken for the Engine's own. */
const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/**
 * A node label key as placement constraints can name it (`node.labels.KEY==value`): letters, digits, dots, dashes
 * and underscores, starting and ending with a letter or digit, no doubled dots or dashes, outside Docker's prefixes.
 * Returns what is wrong with it, or null.
 */
export function labelKeyProblem(key: string): string | null {
  if (!key) return 'a label key must not be empty';
  if (key.length > 128) return `label key "${key.slice(0, 40)}…" is longer than 128 characters`;
  if (!/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(key))
    return `label key "${key}" may use only letters, digits, dots, dashes and underscores, and must start and end with a letter or digit (placement constraints name it as node.labels.${key})`;
  if (/\.\.|--/.test(key)) return `label key "${key}" must not contain ".." or "--"`;
  const reserved = RESERVED.find((p) => key.toLowerCase().startsWith(p));
  if (reserved) return `label key "${key}" uses the prefix ${reserved}, which Docker keeps for itself: choose another (e.g. your own domain reversed)`;
  return null;
}

const LabelValue = z
  .string()
  .max(4096, 'label value is too long (4096 characters at most)')
  .refine((v) => !/[\r\n\0]/.test(v), { message: 'label values must not contain line breaks' });

/**
 * PATCH /api/v1/hosts/{id}/swarm/nodes/{nid}. `labels` is a merge patch: a key with a value sets it, a key with null
 * removes it, keys not named stay as they are.
 */
export const NodeUpdateSchema = z
  .object({
    availability: z.enum(['active', 'pause', 'drain'], { message: 'availability must be active, pause or drain' }).optional(),
    role: z.enum(['manager', 'worker'], { message: 'role must be manager or worker' }).optional(),
    labels: z
      .record(z.string(), LabelValue.nullable())
      .superRefine((m, ctx) => {
        for (const k of Object.keys(m)) {
          const problem = labelKeyProblem(k);
          if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [k] });
        }
      })
      .optional(),
  })
  .strict()
  .refine((v) => v.availability !== undefined || v.role !== undefined || v.labels !== undefined, {
    message: 'Nothing to change: give availability, role or labels',
  });
export type NodeUpdate = z.infer<typeof NodeUpdateSchema>;

/** POST /api/v1/hosts/{id}/swarm/tokens: rotates one join token. */
export const TokenRotateSchema = z.object({ role: z.enum(['worker', 'manager'], { message: 'role must be worker or manager' }) }).strict();
export type TokenRotate = z.infer<typeof TokenRotateSchema>;
