import { z } from 'zod';

/** What the API tells about a stack's uploaded folder archive: names and sizes, never content. */
export const StackFolderViewSchema = z.object({
  name: z.string().describe('file name of the uploaded archive'),
  size: z.number().int().describe('bytes of the archive as uploaded'),
  sha256: z.string(),
  uploadedAt: z.string(),
  fileCount: z.number().int(),
  files: z.array(z.object({ path: z.string(), size: z.number().int() })).describe('the first 200 files'),
  truncated: z.boolean().describe('true when the archive has more files than listed'),
});
export type StackFolderView = z.infer<typeof StackFolderViewSchema>;
