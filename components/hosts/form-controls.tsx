'use client';

import { Upload } from 'lucide-react';
import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { cn } from '@/components/ui/cn';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import type { HostField, HostFormValues } from './host-form-model';

const idOf = (name: HostField) => `host-${name}`;

function useFieldError(name: HostField): string | undefined {
  const { formState } = useFormContext<HostFormValues>();
  return formState.errors[name]?.message;
}

interface TextProps {
  name: HostField;
  label: string;
  placeholder?: string;
  hint?: ReactNode;
  type?: 'text' | 'password';
  inputMode?: 'numeric' | 'text';
  className?: string;
  autoComplete?: string;
}

export function TextInput({ name, label, placeholder, hint, type = 'text', inputMode, className, autoComplete = 'off' }: TextProps) {
  const { register } = useFormContext<HostFormValues>();
  const error = useFieldError(name);
  const id = idOf(name);
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        placeholder={placeholder}
        autoComplete={autoComplete}
        spellCheck={false}
        className={inputClass}
        {...describedBy(id, error)}
        {...register(name)}
      />
    </Field>
  );
}

/** A PEM textarea that can also be filled from a file, since nobody types a certificate. */
export function PemInput({ name, label, placeholder, hint }: Omit<TextProps, 'type' | 'inputMode'>) {
  const { register, setValue } = useFormContext<HostFormValues>();
  const error = useFieldError(name);
  const id = idOf(name);
  const upload = (
    <label className="inline-flex cursor-pointer items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-accent-fg hover:bg-accent-soft focus-within:outline-2 focus-within:outline-accent">
      <Upload className="size-3.5" aria-hidden />
      Upload…
      <input
        type="file"
        className="sr-only"
        aria-label="Upload file"
        data-testid={`upload-${name}`}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setValue(name, (await file.text()).trim(), { shouldDirty: true, shouldValidate: true, shouldTouch: true });
          e.target.value = '';
        }}
      />
    </label>
  );
  return (
    <Field id={id} label={label} error={error} hint={hint} aside={upload}>
      <textarea
        id={id}
        rows={3}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        className={cn(inputClass, 'resize-y font-mono text-xs leading-snug')}
        {...describedBy(id, error)}
        {...register(name)}
      />
    </Field>
  );
}
