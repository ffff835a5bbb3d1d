'use client';

import { ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { type FieldPath, type FieldValues, useFormContext } from 'react-hook-form';
import { cn } from '@/components/ui/cn';
import { describedBy, Field, FieldError, inputClass, selectClass } from '@/components/ui/field';
import { useFieldError as formFieldError } from '@/components/ui/form-rows';
import type { LaunchFormValues } from './form-model';

export type Path = FieldPath<LaunchFormValues>;

/**
 * The controls of a form over its values `V`, their ids prefixed with `prefix` (launch-…, service-…): the launch form
 * and the Swarm service form (components/swarm/service-form-fields.tsx) share these rather than keep copies.
 */
export function formControls<V extends FieldValues>(prefix: string) {
  type P = FieldPath<V>;
  const idOf = (name: string) => `${prefix}-${name.replace(/\./g, '-')}`;

  /** The message zod (or the server) gave for one field; paths are the schema's, e.g. "env.2.value". */
  const useFieldError = formFieldError;

  /** A labelled text box; `area` makes it a two-line monospace text area (lists typed one per line). */
  function TextField({ name, label, placeholder, hint, className, mono, list, readOnly, area }: TextProps<P>) {
    const { register } = useFormContext<V>();
    const error = useFieldError(name);
    const id = idOf(name);
    const common = { id, placeholder, readOnly, spellCheck: false, ...describedBy(id, error), ...register(name) };
    return (
      <Field id={id} label={label} error={error} hint={hint} className={className}>
        {area ? (
          <textarea rows={2} className={cn(inputClass, 'font-mono text-xs')} {...common} />
        ) : (
          <input
            list={list}
            autoComplete="off"
            className={cn(inputClass, mono && 'font-mono text-xs', readOnly && 'bg-zinc-100 dark:bg-zinc-900')}
            {...common}
          />
        )}
      </Field>
    );
  }

  /** A bare input (or, with `options`, a select) for table-like rows: labelled for screen readers, its error shown under it. */
  function RowInput({
    name,
    label,
    placeholder,
    className,
    options,
  }: {
    name: P;
    label: string;
    placeholder?: string;
    className?: string;
    options?: string[];
  }) {
    const { register } = useFormContext<V>();
    const error = useFieldError(name);
    const id = idOf(name);
    return (
      <div className={cn('flex min-w-0 flex-col gap-0.5', className)}>
        {options ? (
          <select id={id} aria-label={label} className={cn(selectClass, 'text-xs')} {...register(name)}>
            <Options options={options} />
          </select>
        ) : (
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
        )}
        <FieldError id={id} error={error} />
      </div>
    );
  }

  function RowSelect({ name, label, options, className }: { name: P; label: string; options: string[]; className?: string }) {
    const { register } = useFormContext<V>();
    // The wrapper sets the width: the select itself is full width like every input.
    return (
      <div className={cn('shrink-0', className)}>
        <select id={idOf(name)} aria-label={label} className={cn(selectClass, 'text-xs')} {...register(name)}>
          <Options options={options} />
        </select>
      </div>
    );
  }

  function CheckField({ name, label, hint }: { name: P; label: string; hint?: ReactNode }) {
    const { register } = useFormContext<V>();
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

  return { idOf, useFieldError, TextField, RowInput, RowSelect, CheckField };
}

interface TextProps<P> {
  name: P;
  label: string;
  placeholder?: string;
  hint?: ReactNode;
  className?: string;
  mono?: boolean;
  list?: string;
  readOnly?: boolean;
  area?: boolean;
}

/** A select's options, each value its own label. */
export function Options({ options }: { options: string[] }) {
  return options.map((o) => (
    <option key={o} value={o}>
      {o}
    </option>
  ));
}

export const { idOf, useFieldError, TextField, RowInput, RowSelect, CheckField } = formControls<LaunchFormValues>('launch');

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
