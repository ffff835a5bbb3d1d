'use client';

import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { type FieldPath, get, useFieldArray, useFormContext, useFormState } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import type { ServiceFormValues } from './service-form-model';

/** The service form's controls, shaped like the launch form's (components/launch/fields.tsx) over its own values. */
export type Path = FieldPath<ServiceFormValues>;
export const idOf = (name: string) => `service-${name.replace(/\./g, '-')}`;

/** The message the schema (or the server) gave for one field; paths are the schema's, e.g. "ports.0.published". */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState<ServiceFormValues>();
  const e = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  return e?.message ?? e?.root?.message;
}

export function TextField(p: { name: Path; label: string; placeholder?: string; hint?: ReactNode; className?: string; readOnly?: boolean; area?: boolean }) {
  const { register } = useFormContext<ServiceFormValues>();
  const error = useFieldError(p.name);
  const id = idOf(p.name);
  const common = { id, placeholder: p.placeholder, readOnly: p.readOnly, spellCheck: false, ...describedBy(id, error), ...register(p.name) };
  return (
    <Field id={id} label={p.label} error={error} hint={p.hint} className={p.className}>
      {p.area ? (
        <textarea rows={2} className={cn(inputClass, 'font-mono text-xs')} {...common} />
      ) : (
        <input autoComplete="off" className={cn(inputClass, p.readOnly && 'bg-zinc-100 dark:bg-zinc-900')} {...common} />
      )}
    </Field>
  );
}

export function SelectField({ name, label, options, hint, className }: { name: Path; label: string; options: string[]; hint?: ReactNode; className?: string }) {
  const { register } = useFormContext<ServiceFormValues>();
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <select id={id} className={selectClass} {...describedBy(id, error)} {...register(name)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CheckField({ name, label, hint }: { name: Path; label: string; hint?: ReactNode }) {
  const { register } = useFormContext<ServiceFormValues>();
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

/** A bare control for table-like rows: labelled for screen readers, its error under it. */
export function RowInput({
  name,
  label,
  placeholder,
  className,
  options,
}: {
  name: Path;
  label: string;
  placeholder?: string;
  className?: string;
  options?: string[];
}) {
  const { register } = useFormContext<ServiceFormValues>();
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <div className={cn('flex min-w-0 flex-col gap-0.5', className)}>
      {options ? (
        <select id={id} aria-label={label} className={cn(selectClass, 'text-xs')} {...register(name)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
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
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type ArrayName = 'env' | 'labels' | 'ports' | 'mounts' | 'networks' | 'sysctls';

/** Rows of one list, added and removed through its field array. */
export function Rows({ name, what, blank, children }: { name: ArrayName; what: string; blank: object; children: (i: number) => ReactNode }) {
  const { control } = useFormContext<ServiceFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: name as 'env' });
  const error = useFieldError(name);
  return (
    <div className="flex flex-col gap-2">
      {fields.map((f, i) => (
        <div key={f.id} className="flex items-start gap-1.5" data-testid={`service-${name}-row`}>
          {children(i)}
          <Button size="icon" variant="ghost" aria-label={`Remove ${what} ${i + 1}`} onClick={() => remove(i)}>
            <X aria-hidden />
          </Button>
        </div>
      ))}
      {error ? <p className="text-xs font-medium text-red-600 dark:text-red-400">{error}</p> : null}
      <div>
        <Button size="sm" onClick={() => append(blank as ServiceFormValues['env'][number])} aria-label={`Add ${what}`}>
          <Plus aria-hidden /> Add {what}
        </Button>
      </div>
    </div>
  );
}

export function KeyValueRows({ name, what, keyHint }: { name: 'env' | 'labels' | 'sysctls'; what: string; keyHint: string }) {
  return (
    <Rows name={name} what={what} blank={{ key: '', value: '' }}>
      {(i) => (
        <>
          <RowInput name={`${name}.${i}.key`} label={`${what} ${i + 1} name`} placeholder={keyHint} className="w-2/5" />
          <span className="pt-1.5 text-zinc-400">=</span>
          <RowInput name={`${name}.${i}.value`} label={`${what} ${i + 1} value`} placeholder="value" className="flex-1" />
        </>
      )}
    </Rows>
  );
}
