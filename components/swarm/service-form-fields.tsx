'use client';

import type { ReactNode } from 'react';
import { type FieldPath, useFormContext } from 'react-hook-form';
import { formControls, Options } from '@/components/launch/fields';
import { describedBy, Field, selectClass } from '@/components/ui/field';
import { KeyValueRows as SharedKeyValueRows, Rows as SharedRows } from '@/components/ui/form-rows';
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

/** Rows of one list (components/ui/form-rows.tsx), their test ids prefixed service-. */
export function Rows({ name, what, blank, children }: { name: ArrayName; what: string; blank: object; children: (i: number) => ReactNode }) {
  return (
    <SharedRows name={name} what={what} blank={blank} testIdPrefix="service-">
      {children}
    </SharedRows>
  );
}

export function KeyValueRows({ name, what, keyHint }: { name: 'env' | 'labels' | 'sysctls'; what: string; keyHint: string }) {
  return <SharedKeyValueRows name={name} what={what} keyHint={keyHint} RowInput={RowInput} testIdPrefix="service-" />;
}
