import { z } from 'zod';

/**
 * A stack name is a compose project name: it becomes part of container, network and volume names on the host, so it
 * follows compose's own rule (lowercase letters, digits, "_" and "-", starting with a letter or digit).
 */
export const stackName = z
  .string({ error: 'Stack name is required' })
  .min(1, 'Stack name is required')
  .max(63, 'Stack name must be at most 63 characters (it becomes part of container and network names)')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Stack name may use lowercase letters, digits, "_" and "-", and must start with a letter or digit (no "/", "." or spaces)');

const composeText = z.string().max(1024 * 1024, 'The compose file is larger than 1 MiB');
const envText = z
  .string()
  .max(256 * 1024, 'The .env is larger than 256 KiB')
  .default('');

/** POST /api/v1/hosts/{id}/stacks/validate: check a file without saving it. */
export const StackValidateSchema = z
  .object({
    compose: composeText,
    env: envText,
    stack: stackName.optional().describe("the saved stack being edited: env_file is then checked against its uploaded folder's files, as a deploy would"),
  })
  .strict();
export type StackValidate = z.output<typeof StackValidateSchema>;

/** POST /api/v1/hosts/{id}/stacks: save a stack (not deployed until deploy is called, unless deploy: true). */
export const StackCreateSchema = z
  .object({ name: stackName, compose: composeText, env: envText, deploy: z.boolean().default(false).describe('deploy right after saving') })
  .strict();
export type StackCreate = z.output<typeof StackCreateSchema>;

/** PUT /api/v1/hosts/{id}/stacks/{name}: edit the file and .env (a later deploy applies them). */
export const StackUpdateSchema = z.object({ compose: composeText, env: envText.optional() }).strict();
export type StackUpdate = z.output<typeof StackUpdateSchema>;

/** POST …/deploy and …/plan: optionally with a file to use instead of the stored one (it is stored on deploy). */
export const StackDeploySchema = z
  .object({
    compose: composeText.optional(),
    env: z
      .string()
      .max(256 * 1024)
      .optional(),
    wait: z.boolean().default(false).describe('answer when the deploy has finished instead of at once with its operation id'),
  })
  .strict();
export type StackDeploy = z.output<typeof StackDeploySchema>;

export const StackScaleSchema = z
  .object({
    service: z.string().min(1, 'Service is required'),
    replicas: z
      .number({ error: 'Replicas must be a number' })
      .int('Replicas must be a whole number')
      .min(0, 'Replicas must be 0 or more')
      .max(100, 'At most 100 replicas'),
    wait: z.boolean().default(false),
  })
  .strict();
export type StackScale = z.output<typeof StackScaleSchema>;

export const StackActionSchema = z.enum(['stop', 'start', 'restart', 'down']);
export type StackAction = z.output<typeof StackActionSchema>;

export const StackActionBodySchema = z
  .object({ removeVolumes: z.boolean().default(false).describe('down only: also remove the named volumes of the stack'), wait: z.boolean().default(true) })
  .strict();
export type StackActionBody = z.output<typeof StackActionBodySchema>;

export const StackRollbackSchema = z.object({ version: z.number().int().min(1), wait: z.boolean().default(false) }).strict();
export type StackRollback = z.output<typeof StackRollbackSchema>;

export const StackAdoptSchema = z.object({ name: stackName }).strict();
export type StackAdopt = z.output<typeof StackAdoptSchema>;
