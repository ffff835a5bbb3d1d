import { z } from 'zod';

/**
 * A catalog source an admin adds (POST /api/v1/catalog/sources), used by the Settings form, the handler and the tests.
 * What the server checks beyond shape (the URL's transport, the file's format) is in server/catalog/sources.
 */

export const SOURCE_KINDS = ['git', 'url', 'file'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** The imported formats (server/catalog/import); absent: recognised from the text. */
export const SOURCE_FORMATS = ['portainer', 'caprover', 'coolify', 'coolify-catalog'] as const;

/** The source's id, from its name: lowercase letters, digits and "-"; template ids become "<id>/<template>". */
export const sourceIdOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');

/** ids a source may not take: the built-in catalog's, and the API's own path segment */
export const RESERVED_SOURCE_IDS = ['berth', 'sources'];

const name = z
  .string({ error: 'Name is required' })
  .trim()
  .min(1, 'Name is required')
  .max(60, 'Name is at most 60 characters')
  .refine((n) => /^[a-z0-9]/.test(sourceIdOf(n)), 'Name needs a letter or digit (the source id is made from it)')
  .refine((n) => !RESERVED_SOURCE_IDS.includes(sourceIdOf(n)), `Name may not be ${RESERVED_SOURCE_IDS.join(' or ')}`);
const url = z.string({ error: 'URL is required' }).trim().min(1, 'URL is required').max(2000, 'URL is at most 2000 characters');
const format = z.enum(SOURCE_FORMATS, { error: `format is one of ${SOURCE_FORMATS.join(', ')} (or leave it out to recognise it)` }).optional();

export const CatalogSourceCreateSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('git'), name, url, path: z.string().trim().max(200, 'Folder is at most 200 characters').optional() }).strict(),
    z.object({ kind: z.literal('url'), name, url, format }).strict(),
    z
      .object({
        kind: z.literal('file'),
        name,
        fileName: z.string().trim().max(200).optional(),
        text: z
          .string({ error: 'The file is required' })
          .min(1, 'The file is empty')
          .max(20 * 1024 * 1024, 'The file is larger than 20 MiB'),
        format,
      })
      .strict(),
  ],
  { error: "kind is git (a repository in Berth's format), url (a catalog file to download) or file (an uploaded catalog file)" },
);
export type CatalogSourceCreate = z.infer<typeof CatalogSourceCreateSchema>;

/** A source id in a path. */
export const sourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'A catalog source id is lowercase letters, digits and "-" (GET /api/v1/catalog/sources lists them)');
