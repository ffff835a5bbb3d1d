import { z } from 'zod';

// The Engine's reference grammar (distribution/reference), enough to refuse a bad name before the Engine does and
// to say which part is wrong.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:localhost|(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::[0-9]{1,5})?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const HEX64 = /^[a-f0-9]{64}$/;

/**
 * Splits "repo:tag" where the repo may carry a registry port ("localhost:5000/app:1" is repo "localhost:5000/app",
 * tag "1"): the tag is what follows the last ":" only when no "/" comes after it. No tag means "latest".
 */
export function splitRepoTag(ref: string): { repo: string; tag: string } {
  const at = ref.indexOf('@');
  const base = at >= 0 ? ref.slice(0, at) : ref;
  const colon = base.lastIndexOf(':');
  if (colon > 0 && !base.slice(colon + 1).includes('/')) return { repo: base.slice(0, colon), tag: base.slice(colon + 1) };
  return { repo: base, tag: 'latest' };
}

/** Why `ref` is not a repo:tag the Engine would accept as a new tag, or null when it is one. */
export function repoTagProblem(ref: string): string | null {
  if (!ref) return 'Give a name like myapp:1.0 or registry.example.com:5000/team/app:latest';
  if (/\s/.test(ref)) return 'An image name must not contain spaces';
  if (ref.includes('@')) return 'Tag with a name and tag, not a digest (@sha256:…)';
  const { repo, tag } = splitRepoTag(ref);
  if (repo.length > 255) return 'The repository name is longer than 255 characters';
  if (!TAG.test(tag)) return `Tag "${tag}" may use letters, digits, "_", "." and "-" (up to 128, not starting with "." or "-")`;
  const parts = repo.split('/');
  const hasDomain = parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost');
  if (hasDomain && !DOMAIN.test(parts[0])) return `"${parts[0]}" is not a valid registry host (like registry.example.com:5000)`;
  const path = hasDomain ? parts.slice(1) : parts;
  for (const p of path) {
    if (p !== p.toLowerCase()) return `Repository names must be lowercase: "${p}"`;
    if (!COMPONENT.test(p))
      return `"${p || '(empty)'}" is not a valid repository name part: use lowercase letters, digits and single ".", "_" or "-" between them`;
  }
  if (!hasDomain && HEX64.test(repo)) return 'A repository name cannot be a 64-character hexadecimal string (that reads as an image id)';
  return null;
}

/** "berth-test/busybox:latest" → ok; "Busybox" → the problem. */
export const repoTag = z
  .string()
  .trim()
  .max(512, 'The image name is too long')
  .superRefine((v, ctx) => {
    const problem = repoTagProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** An image id ("sha256:…" or its first 12+ hex digits) or a reference the Engine resolves. */
export const ImageRef = z
  .string()
  .min(1, 'Image id is required')
  .max(512, 'Image id is too long')
  .regex(
    /^(sha256:[a-f0-9]{12,64}|[A-Za-z0-9][A-Za-z0-9_.:/@-]*)$/,
    'Image id must be an image id like sha256:3f0e… (or its first 12 digits) or a name like busybox:latest',
  );

/** GET /api/v1/hosts/{id}/images */
export const ImageListQuerySchema = z.object({
  dangling: z.stringbool({ error: 'dangling must be true or false' }).optional().describe('only images without a tag'),
});
export type ImageListQuery = z.output<typeof ImageListQuerySchema>;

/** DELETE /api/v1/hosts/{id}/images/{iid} */
export const ImageRemoveQuerySchema = z.object({
  ref: repoTag.optional().describe('remove only this repo:tag of the image (untags it when the image has other tags)'),
  force: z.stringbool({ error: 'force must be true or false' }).optional().describe('remove even when stopped containers use it, or when it has several tags'),
});
export type ImageRemoveQuery = z.output<typeof ImageRemoveQuerySchema>;

/** POST /api/v1/hosts/{id}/images/{iid}/tag */
export const ImageTagSchema = z.object({ ref: repoTag.describe('the new name, "repo:tag" (":latest" when left out)') }).strict();
export type ImageTag = z.output<typeof ImageTagSchema>;

/** A label filter as `docker … prune --filter label=` takes it: "key" or "key=value". */
export const labelFilter = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .regex(/^[^=\s][^=]*(=.*)?$/, 'A label filter is "key" or "key=value"');

/** POST /api/v1/hosts/{id}/images/prune: removes dangling images no container uses. */
export const ImagePruneSchema = z
  .object({ labels: z.array(labelFilter).max(20).optional().describe('only images carrying all these labels ("key" or "key=value")') })
  .strict();
export type ImagePrune = z.output<typeof ImagePruneSchema>;
