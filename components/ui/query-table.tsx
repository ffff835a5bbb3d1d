import type { ReactNode } from 'react';
import { Alert } from './alert';
import { EmptyState } from './card';

interface Props {
  /** the query's error, shown instead of the table */
  error: Error | null;
  pending: boolean;
  count: number;
  loading: ReactNode;
  empty: ReactNode;
  /** column headings; the last column holds row actions and gets a screen-reader-only heading */
  columns: string[];
  label: string;
  testId?: string;
  children: ReactNode;
}

/**
 * The small settings tables (grants, tokens, registries): one place for what shows while the query loads, fails or
 * finds nothing, and for the heading row, so the sections differ only in their rows.
 */
export function QueryTable({ error, pending, count, loading, empty, columns, label, testId, children }: Props) {
  if (error) return <Alert tone="error">{error.message}</Alert>;
  if (pending) return <EmptyState>{loading}</EmptyState>;
  if (count === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <table className="w-full text-sm" data-testid={testId} aria-label={label}>
      <thead className="text-left text-xs text-zinc-500">
        <tr>
          {columns.map((c) => (
            <th key={c} className="py-1.5 pr-3 font-medium">
              {c}
            </th>
          ))}
          <th className="py-1.5 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
