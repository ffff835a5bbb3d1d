'use client';

import { ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { get, type FieldPath, useFormContext, useFormState } from 'react-hook-form';
import { cn } from '@/components/ui/cn';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import type { LaunchFormValues } from './form-model';

export type Path = FieldPath<LaunchFormValues>;
export const idOf = (name: string) => `launch-${name.replace(/\./g, '-')}`;

/** The message zod (or the server) gave for one field; paths are the schema's, e.g. "env.2.value". */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState<LaunchFormValues>();
  const e = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  return e?.message ?? e?.root?.message;
}

interface TextProps {
  name: Path;
  label: string;
  placeholder?: string;
  hint?: ReactNode;
  className?: string;
  mono?: boolean;
  list?: string;
}

export function TextField({ name, label, placeholder, hint, className, mono, list }: TextProps) {
  const { register } = useFormContext<LaunchFormValues>();
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <input
        id={id}
        list={list}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        className={cn(inputClass, mono && 'font-mono text-xs')}
        {...describedBy(id, error)}
        {...register(name)}
      />
    </Field>
  );
}

/** A bare input for table-like rows: labelled for screen readers, its error shown under it. */
export function RowInput({ name, label, placeholder, className }: { name: Path; label: string; placeholder?: string; className?: string }) {
  const { register } = useFormContext<LaunchFormValues>();
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <div className={cn('flex min-w-0 flex-col gap-0.5', className)}>
      <input
        id={id}
        aria-label={label}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        className={cn(inputClass, 'font-mono text-xs')}
        {...describedBy(id, error)}
        {...register(name)}
      />
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function RowSelect({ name, label, options, className }: { name: Path; label: string; options: string[]; className?: string }) {
  const { register } = useFormContext<LaunchFormValues>();
  // The wrapper sets the width: the select itself is full width like every input.
  return (
    <div className={cn('shrink-0', className)}>
      <select id={idOf(name)} aria-label={label} className={cn(selectClass, 'text-xs')} {...register(name)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckField({ name, label, hint }: { name: Path; label: string; hint?: ReactNode }) {
  const { register } = useFormContext<LaunchFormValues>();
  const id = idOf(name);
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" className="mt-0.5 size-4 accent-accent" {...register(name)} />
      <label htmlFor={id} className="text-sm">
        {label}
        {hint ? <span className="block text-xs text-zinc-500 dark:text-zinc-400">{hint}</span> : null}
      </label>
    </div>
  );
}

/** A collapsible part of the form; one with an error inside opens itself so the message is seen. */
export function Section({ title, summary, open, children, testId }: { title: string; summary?: string; open?: boolean; children: ReactNode; testId?: string }) {
  return (
    <details open={open} className="group rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" data-testid={testId}>
      <summary className="flex cursor-pointer list-none items-center gap-2 px-4 py-2.5 text-sm font-medium select-none">
        <ChevronRight className="size-4 transition-transform group-open:rotate-90" aria-hidden />
        {title}
        {summary ? <span className="truncate text-xs font-normal text-zinc-500 dark:text-zinc-400">{summary}</span> : null}
      </summary>
      <div className="flex flex-col gap-3 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">{children}</div>
    </details>
  );
}
