import { z } from 'zod';
import { repoTag } from './images';

/** Largest upload (Dockerfile or context archive) the build endpoint reads. */
export const BUILD_UPLOAD_MAX_BYTES = 256 * 1024 * 1024;

const argName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Build args as KEY=VALUE lines (the form) → a map; a line without "=" passes the name with an empty value. */
export function parseBuildArgs(text: string): { args: Record<string, string>; problem: string | null } {
  const args: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!argName.test(key)) return { args, problem: `Line ${i + 1}: "${key}" is not a build arg name (letters, digits and "_", not starting with a digit)` };
    args[key] = eq < 0 ? '' : line.slice(eq + 1);
  }
  return { args, problem: null };
}

/**
 * The fields sent beside the uploaded file (multipart form) to POST /api/v1/hosts/{id}/images/build. The file is
 * either a Dockerfile or a context archive (.tar, .tar.gz/.tgz) holding one.
 */
export const BuildOptionsSchema = z
  .object({
    tag: z
      .union([z.literal(''), repoTag])
      .optional()
      .describe('name the image, "repo:tag"'),
    target: z
      .string()
      .trim()
      .max(128)
      .regex(/^([A-Za-z0-9][A-Za-z0-9_.-]*)?$/, 'Target must be a stage name from the Dockerfile (FROM … AS <name>)')
      .optional()
      .describe('build up to this stage of a multi-stage Dockerfile'),
    dockerfile: z
      .string()
      .trim()
      .max(1024)
      .refine((v) => !v.startsWith('/') && !v.split('/').includes('..'), { message: 'The Dockerfile path must be relative to the context root, without ".."' })
      .optional()
      .describe('path of the Dockerfile inside a context archive (default Dockerfile)'),
    buildArgs: z
      .record(
        z.string().regex(argName, 'Build arg names use letters, digits and "_"'),
        z
          .string()
          .max(4096)
          .refine((v) => !/[\r\n\0]/.test(v), { message: 'Build arg values must be one line' }),
      )
      .optional()
      .describe('ARG values, as a JSON object'),
  })
  .strict();
export type BuildOptions = z.output<typeof BuildOptionsSchema>;
