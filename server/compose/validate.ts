import type { ComposeIssue } from '@/lib/compose-types';
import { type FolderFiles, NO_FOLDER } from './env-files';
import { type LoadInput, type LoadResult, loadCompose } from './load';

export interface Validation {
  ok: boolean;
  issues: ComposeIssue[];
  services: string[];
}

/**
 * More problems than anyone reads in an editor; a broken 1 MiB file has 150,000 and sending them all made the answer
 * tens of megabytes (and its serialization alone a long pause).
 */
export const MAX_ISSUES = 500;

/**
 * The editor's check of a compose file + .env: { ok, issues (with line and column), services }. Pure and synchronous,
 * so it runs the same on the request's thread (small files) and in the validation worker (large ones).
 */
/** loadCompose, with its issues capped as validateText caps them: what a deploy, a plan or a stack page reads. */
export function loadText(input: LoadInput): LoadResult {
  const r = loadCompose(input);
  if (r.ok || r.issues.length <= MAX_ISSUES) return r;
  return { ...r, issues: r.issues.slice(0, MAX_ISSUES) };
}

export function validateText(compose: string, env: string, folder: FolderFiles = NO_FOLDER): Validation {
  const r = loadCompose({ compose, env, folder });
  if (r.ok) return { ok: true, issues: [], services: Object.keys(r.model.services) };
  const issues =
    r.issues.length > MAX_ISSUES
      ? [
          ...r.issues.slice(0, MAX_ISSUES),
          { message: `…and ${(r.issues.length - MAX_ISSUES).toLocaleString('en-US')} more problems, not listed; fix the ones above first` },
        ]
      : r.issues;
  return { ok: false, issues, services: [] };
}
