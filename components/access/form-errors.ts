import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from '@/lib/api-client';

/**
 * Puts the server's per-field issues (400 invalid) on the form's fields; returns true when at least one landed, so
 * the caller shows the general message only when it is not already next to a field.
 */
export function applyServerIssues<T extends FieldValues>(e: unknown, fields: readonly Path<T>[], setError: UseFormSetError<T>): boolean {
  if (!(e instanceof ApiError)) return false;
  let placed = false;
  for (const issue of e.issues) {
    const field = fields.find((f) => f === issue.path);
    if (field) {
      setError(field, { type: 'server', message: issue.message });
      placed = true;
    }
  }
  return placed;
}
