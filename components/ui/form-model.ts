import type { ZodError } from 'zod';
import { ApiError } from '@/lib/api-client';

export interface Pair {
  key: string;
  value: string;
}

/** Key/value rows → a map; blank rows are skipped so an empty trailing row never fails validation. */
export function toMap(rows: Pair[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.key.trim() || r.value) out[r.key.trim()] = r.value;
  return out;
}

/** Field → first message, from the zod schema in the browser or from the server's `details.issues`. */
export type FieldErrors = Record<string, string>;

export function errorsOf(issues: { path: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const field = i.path.split('.')[0] || '_';
    out[field] ??= i.message;
  }
  return out;
}

export const zodErrors = (e: ZodError): FieldErrors => errorsOf(e.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));

export const serverErrors = (e: unknown): FieldErrors => (e instanceof ApiError ? errorsOf(e.issues) : {});
