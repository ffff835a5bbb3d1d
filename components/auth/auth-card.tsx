import { Ship } from 'lucide-react';
import type { ReactNode } from 'react';

/** The centred card of the pages outside the app shell (sign-in, first-run setup). */
export function AuthCard({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-50 p-4 dark:bg-zinc-950">
      <div className="w-full max-w-sm rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mb-4 flex items-center gap-2 font-semibold tracking-tight">
          <span className="flex size-7 items-center justify-center rounded-md bg-accent text-white">
            <Ship className="size-4" aria-hidden />
          </span>
          Berth
        </div>
        <h1 className="text-lg font-semibold">{title}</h1>
        {description ? <p className="mt-1 mb-4 text-sm text-zinc-600 dark:text-zinc-400">{description}</p> : <div className="mb-4" />}
        {children}
      </div>
    </main>
  );
}
