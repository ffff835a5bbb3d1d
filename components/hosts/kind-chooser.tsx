'use client';

import { Cable, Lock, Terminal } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import type { HostKind } from '@/lib/types';
import { KIND_LABEL } from './host-form-model';

const KINDS: { kind: HostKind; icon: typeof Cable; hint: string }[] = [
  { kind: 'socket', icon: Cable, hint: 'A Docker socket on this machine' },
  { kind: 'tcp', icon: Lock, hint: 'Engine API over TCP with mutual TLS' },
  { kind: 'ssh', icon: Terminal, hint: 'The remote socket, through SSH' },
];

/**
 * Radio buttons styled as a segmented control: arrow keys move between kinds, as users of radios expect. Each radio is
 * transparent and covers its whole segment, so a click anywhere lands on the input itself.
 */
export function KindChooser({ value, onChange, disabled }: { value: HostKind; onChange: (k: HostKind) => void; disabled?: boolean }) {
  return (
    <fieldset disabled={disabled}>
      <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">Connection</legend>
      <div className="grid grid-cols-3 gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-950">
        {KINDS.map(({ kind, icon: Icon, hint }) => (
          <label
            key={kind}
            title={hint}
            className={cn(
              'relative flex cursor-pointer items-center justify-center gap-1.5 rounded-md px-2 py-1.5 text-xs font-medium transition-colors has-focus-visible:outline-2 has-focus-visible:outline-accent',
              value === kind
                ? 'bg-white text-zinc-900 shadow-sm dark:bg-zinc-800 dark:text-zinc-100'
                : 'text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
              disabled && value !== kind && 'cursor-not-allowed opacity-40',
            )}
          >
            <input
              type="radio"
              name="host-kind"
              value={kind}
              checked={value === kind}
              onChange={() => onChange(kind)}
              className="absolute inset-0 size-full cursor-pointer appearance-none opacity-0 disabled:cursor-not-allowed"
            />
            <Icon className="size-3.5" aria-hidden />
            {KIND_LABEL[kind]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
