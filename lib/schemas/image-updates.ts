import { z } from 'zod';
import { pullRef } from './pull';

/** POST /api/v1/hosts/{id}/images/updates: check now, every reference the host's running containers use or only some. */
export const ImageUpdateCheckSchema = z
  .object({
    images: z.array(pullRef).max(200, 'Give at most 200 image references, or none to check them all').optional().describe('only these references'),
    wait: z.boolean().default(true).describe('answer when the check has finished (false: at once, with the last answers and checking: true)'),
  })
  .strict();
export type ImageUpdateCheck = z.output<typeof ImageUpdateCheckSchema>;

/** POST /api/v1/hosts/{id}/containers/{cid}/update-image: pull the newer image and recreate (or deploy the stack service). */
export const ContainerImageUpdateSchema = z
  .object({
    wait: z.boolean().default(false).describe('answer when the container is recreated or the stack operation has ended'),
  })
  .strict();
export type ContainerImageUpdate = z.output<typeof ContainerImageUpdateSchema>;
