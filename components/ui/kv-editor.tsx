'use client';

import { Plus, X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import type { Pair } from './form-model';

interface Props {
  id: string;
  label: string;
  rows: Pair[];
  onChange: (rows: Pair[]) => void;
  error?: string;
  hint?: string;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
}

/** Rows of key = value for labels and driver options; an empty row is ignored on submit. */
export function KeyValueEditor({ id, label, rows, onChange, error, hint, keyPlaceholder = 'key', valuePlaceholder = 'value' }: Props) {
  const set = (i: number, patch: Partial<Pair>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Field
      id={`${id}-0-key`}
      label={label}
      error={error}
      hint={hint}
      aside={
        <Button size="sm" variant="ghost" onClick={() => onChange([...rows, { key: '', value: '' }])} aria-label={`Add ${label.toLowerCase()}`}>
          <Plus aria-hidden /> Add
        </Button>
      }
    >
      <div className="flex flex-col gap-1.5">
        {rows.map((r, i) => (
          <div key={i} className="flex items-center gap-1.5">
            <input
              id={`${id}-${i}-key`}
              aria-label={`${label} key ${i + 1}`}
              placeholder={keyPlaceholder}
              value={r.key}
              onChange={(e) => set(i, { key: e.target.value })}
              className={`${inputClass} font-mono text-xs`}
              autoComplete="off"
              spellCheck={false}
            />
            <span className="text-zinc-400">=</span>
            <input
              aria-label={`${label} value ${i + 1}`}
              placeholder={valuePlaceholder}
              value={r.value}
              onChange={(e) => set(i, { value: e.target.value })}
              className={`${inputClass} font-mono text-xs`}
              autoComplete="off"
              spellCheck={false}
            />
            <Button size="icon" variant="ghost" aria-label={`Remove ${label.toLowerCase()} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              <X aria-hidden />
            </Button>
          </div>
        ))}
      </div>
    </Field>
  );
}
