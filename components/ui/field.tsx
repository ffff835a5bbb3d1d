import type { ReactNode } from 'react';
import { cn } from './cn';

export const inputClass =
  'block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 ' +
  'focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/25 disabled:opacity-60 ' +
  'aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/25 ' +
  'dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-600';

export const selectClass = cn(inputClass, 'h-8 py-0 pr-7');

interface FieldProps {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** extra controls on the label row, e.g. an upload button */
  aside?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A label, its control, a hint and the error for that control. Controls point at `${id}-error` via aria-describedby. */
export function Field({ id, label, error, hint, aside, className, children }: FieldProps) {
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
          {label}
        </label>
        {aside}
      </div>
      {children}
      {hint && !error ? <p className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p> : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The error under a control, with the id its aria-describedby points at; nothing when there is none. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="text-xs font-medium text-red-600 dark:text-red-400">
      {error}
    </p>
  ) : null;
}

/** aria attributes tying a control to its Field's error message. */
export function describedBy(id: string, error?: string) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}
