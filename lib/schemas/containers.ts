import { z } from 'zod';
import { CONTAINER_ACTIONS, CONTAINER_STATES } from '../container-states';

export { CONTAINER_ACTIONS, CONTAINER_STATES };

/** GET /api/v1/containers */
export const ContainerListQuerySchema = z.object({
  host: z.string().trim().max(64).optional(),
  state: z.enum(CONTAINER_STATES, { message: `state must be one of ${CONTAINER_STATES.join(', ')}` }).optional(),
  q: z.string().trim().max(200).optional(),
  image: z.string().trim().max(300).optional(),
  project: z.string().trim().max(200).optional(),
});
export type ContainerListQuery = z.output<typeof ContainerListQuerySchema>;

/** A container id (full or a unique prefix) or name, as the Engine accepts them. */
export const ContainerRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'Container id must be a container id or name');

export type ContainerAction = (typeof CONTAINER_ACTIONS)[number];
export const ContainerActionSchema = z.enum(CONTAINER_ACTIONS, {
  message: `action must be one of ${CONTAINER_ACTIONS.join(', ')}`,
});

/** Body of POST …/containers/{cid}/{action}; each action reads only its own fields. */
export const ContainerActionBodySchema = z
  .object({
    /** rename */
    name: z
      .string()
      .trim()
      .regex(/^\/?[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'New name may use letters, digits, "_", "." and "-"')
      .optional(),
    /** remove */
    force: z.boolean().optional(),
    removeVolumes: z.boolean().optional(),
    /** stop, restart: seconds to wait before killing */
    timeout: z.number().int().min(0).max(600).optional(),
    /** kill */
    signal: z
      .string()
      .regex(/^(SIG)?[A-Z0-9]{1,10}$|^\d{1,2}$/, 'signal must be a signal name like SIGTERM or a number')
      .optional(),
  })
  .strict();
export type ContainerActionBody = z.output<typeof ContainerActionBodySchema>;
