'use client';

import { Plus, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { type FieldPath, useFieldArray, useFormContext } from 'react-hook-form';
import { formControls, Options } from '@/components/launch/fields';
import { Button } from '@/components/ui/button';
import { describedBy, Field, selectClass } from '@/components/ui/field';
import type { ServiceFormValues } from './service-form-model';

/** The service form's controls: the launch form's (components/launch/fields.tsx) over the service form's values. */
export type Path = FieldPath<ServiceFormValues>;
export const { idOf, useFieldError, TextField, RowInput, CheckField } = formControls<ServiceFormValues>('service');

export function SelectField({ name, label, options, hint, className }: { name: Path; label: string; options: string[]; hint?: ReactNode; className?: string }) {
  const { register } = useFormContext<ServiceFormValues>();
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <select id={id} className={selectClass} {...describedBy(id, error)} {...register(name)}>
        <Options options={options} />
      </select>
    </Field>
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
