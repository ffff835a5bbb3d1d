'use client';

import { FixedRows, type RowsProps } from './fixed-rows';
import { WrappedRows } from './wrapped-rows';

/**
 * The virtualized lines. New lines scroll into view only while the user is at the bottom; scrolled up, the view
 * stays put and "Jump to latest" appears. Unwrapped rows have one height and are laid out by arithmetic
 * (fixed-rows.tsx); wrapped rows are measured (wrapped-rows.tsx).
 */
export function LogList({ wrap, ...props }: RowsProps & { wrap: boolean }) {
  return wrap ? <WrappedRows {...props} /> : <FixedRows {...props} />;
}
