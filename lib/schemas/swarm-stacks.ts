import { z } from 'zod';

/** A Swarm stack (namespace) name, as the CLI takes it and Engine object names can carry it. */
export const swarmStackName = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/, 'Stack name may use letters, digits, "_" and "-", starting with a letter or digit')
  .max(40, 'Stack name must be at most 40 characters (service names, <stack>_<service>, have 63 at most)');

const composeText = z
  .string()
  .min(1, 'The compose file is empty')
  .max(1024 * 1024, 'The compose file is larger than 1 MiB');
const envText = z
  .string()
  .max(256 * 1024, 'The .env is larger than 256 KiB')
  .optional()
  .describe('KEY=value lines; omitted: the .env kept from the last deploy');
const privateFiles = z
  .record(
    z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\0]{1,255}$/, 'A file name is a relative path inside the stack folder, without ".."'),
    z.string().max(512 * 1024, 'A stack file is larger than 512 KiB'),
  )
  .refine((m) => Object.keys(m).length <= 100, 'At most 100 stack files')
  .optional()
  .describe(
    "the stack's private files (relative path → text) that secrets and configs with file: and env_file read; sealed in Berth's store, never sent back, left out of the audit log; omitted: the files kept from the last deploy",
  );

/** POST /api/v1/hosts/{id}/swarm/stacks/{name}/plan: what a deploy of this file would do. */
export const SwarmStackPlanSchema = z.object({ compose: composeText, env: envText, privateFiles }).strict();
export type SwarmStackPlanInput = z.infer<typeof SwarmStackPlanSchema>;

/** POST /api/v1/hosts/{id}/swarm/stacks: deploys (creates or updates) a stack, as docker stack deploy --prune does. */
export const SwarmStackDeploySchema = SwarmStackPlanSchema.extend({ name: swarmStackName }).strict();
export type SwarmStackDeployInput = z.infer<typeof SwarmStackDeploySchema>;
