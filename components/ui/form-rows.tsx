'use client';

import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { get, useFieldArray, useFormContext, useFormState } from 'react-hook-form';
import { Button } from './button';
import { FieldError } from './field';

/**
 * Rows of one list of a react-hook-form form (env, labels, ports, mounts…), added and removed through its field array:
 * the container launch form (components/launch/row-sections.tsx) and the Swarm service form
 * (components/swarm/service-form-fields.tsx) both use these.
 */

/** The message zod (or the server) gave for one field of the form around it; paths are the schema's, e.g. "env.2.value". */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState();
  const e = get(errors, name) as { message?: string; root?: { message?: string } } | undefined;
  return e?.message ?? e?.root?.message;
}

/** Beside the Add button (the launch form's ".env paste"), given the list's replace. */
export type RowsExtra = (replace: (rows: object[]) => void) => ReactNode;

interface RowsProps {
  /** the list's path in the form's values */
  name: string;
  /** one row's noun, in the Add and Remove buttons' labels */
  what: string;
  /** a new row's values */
  blank: object;
  children: (i: number) => ReactNode;
  /** each row's data-testid is `${testIdPrefix}${name}-row` (tests find the rows by it) */
  testIdPrefix?: string;
  extra?: RowsExtra;
}

export function Rows({ name, what, blank, children, testIdPrefix = '', extra }: RowsProps) {
  const { control } = useFormContext();
  // One field array per list; rows are only ever changed through it (setValue on the list would desync it).
  const { fields, append, remove, replace } = useFieldArray({ control, name });
  const error = useFieldError(name);
  return (
    <div className="flex flex-col gap-2">
      {fields.map((f, i) => (
        <div key={f.id} className="flex items-start gap-1.5" data-testid={`${testIdPrefix}${name}-row`}>
          {children(i)}
          <Button size="icon" variant="ghost" aria-label={`Remove ${what} ${i + 1}`} onClick={() => remove(i)}>
            <X aria-hidden />
          </Button>
        </div>
      ))}
      <FieldError id={`${testIdPrefix}${name}-rows`} error={error} />
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => append(blank)} aria-label={`Add ${what}`}>
          <Plus aria-hidden /> Add {what}
        </Button>
        {extra?.(replace)}
      </div>
    </div>
  );
}

/** The form's row input (formControls' RowInput in components/launch/fields.tsx), over the form's paths `P`. */
type RowInputOf<P extends string> = (props: { name: P; label: string; placeholder?: string; className?: string }) => ReactNode;

/** Rows of name = value (environment, labels, sysctls). */
export function KeyValueRows<P extends string>({
  name,
  what,
  keyHint,
  RowInput,
  testIdPrefix,
  extra,
}: {
  name: string;
  what: string;
  /** the name box's placeholder */
  keyHint: string;
  RowInput: RowInputOf<P>;
  testIdPrefix?: string;
  extra?: RowsExtra;
}) {
  return (
    <Rows name={name} what={what} blank={{ key: '', value: '' }} testIdPrefix={testIdPrefix} extra={extra}>
      {(i) => (
        <>
          <RowInput name={`${name}.${i}.key` as P} label={`${what} ${i + 1} name`} placeholder={keyHint} className="w-2/5" />
          <span className="pt-1.5 text-zinc-400">=</span>
          <RowInput name={`${name}.${i}.value` as P} label={`${what} ${i + 1} value`} placeholder="value" className="flex-1" />
        </>
      )}
    </Rows>
  );
}
