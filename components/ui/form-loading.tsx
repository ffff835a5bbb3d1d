import { Spinner } from './spinner';

/** Stands in for a form whose code is still being fetched (see lazyDialog and next/dynamic users). */
export function FormLoading() {
  return (
    <div className="flex min-h-40 items-center justify-center gap-2 text-sm text-zinc-500 dark:text-zinc-400" aria-busy="true">
      <Spinner /> Loading the form…
    </div>
  );
}
