import { Spinner } from './spinner';

export function ViewLoading({ what }: { what: string }) {
  return (
    <div className="flex items-center gap-2 p-4 text-sm text-zinc-500 md:p-6 dark:text-zinc-400">
      <Spinner /> Loading {what}…
    </div>
  );
}
