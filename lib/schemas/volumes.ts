import { z } from 'zod';
import { labelFilter } from './images';

/** The Engine's own rule for volume names: at least two characters, starting with a letter or digit. */
export const volumeName = z
  .string()
  .trim()
  .min(2, 'Volume name must be at least 2 characters')
  .max(255, 'Volume name must be at most 255 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]+$/, 'Volume name may use letters, digits, "_", "." and "-", and must start with a letter or digit');

export const VolumeRef = volumeName;

/**
 * Labels and driver options are string maps; keys must be non-empty and free of "=" and spaces. Keys are checked in
 * a refinement because zod reports a bad record key only as "Invalid key in record".
 */
export const stringMap = (what: string) =>
  z
    .record(
      z.string(),
      z
        .string()
        .max(4096, `${what} value is too long`)
        .refine((v) => !/[\r\n\0]/.test(v), { message: `${what} values must not contain line breaks` }),
    )
    .superRefine((m, ctx) => {
      for (const k of Object.keys(m)) {
        if (!k) ctx.addIssue({ code: 'custom', path: [k], message: `${what} key is required` });
        else if (k.length > 255) ctx.addIssue({ code: 'custom', path: [k], message: `${what} key is too long` });
        else if (/[=\s]/.test(k)) ctx.addIssue({ code: 'custom', path: [k], message: `${what} keys must not contain "=" or spaces ("${k}")` });
      }
    });

/** POST /api/v1/hosts/{id}/volumes */
export const VolumeCreateSchema = z
  .object({
    name: volumeName.optional().describe('left out: the Engine generates a name'),
    driver: z
      .string()
      .trim()
      .min(1, 'Driver is required')
      .max(255)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/, 'Driver must be a driver or plugin name like local or vieux/sshfs:latest')
      .default('local'),
    driverOpts: stringMap('Driver option').default({}),
    labels: stringMap('Label').default({}),
  })
  .strict();
export type VolumeCreateInput = z.input<typeof VolumeCreateSchema>;
export type VolumeCreate = z.output<typeof VolumeCreateSchema>;

/** POST /api/v1/hosts/{id}/volumes/prune: removes volumes no container uses. */
export const VolumePruneSchema = z
  .object({ labels: z.array(labelFilter).max(20).optional().describe('only volumes carrying all these labels ("key" or "key=value")') })
  .strict();
export type VolumePrune = z.output<typeof VolumePruneSchema>;
