'use client';

import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';

interface Props {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  /** runs the change; its message is shown as a toast */
  run: () => Promise<{ message: string }>;
  onDone: () => void;
  /** what is about to happen, and any choices (a host, "force") */
  children?: ReactNode;
  disabled?: boolean;
}

/** "Are you sure?" for removals and prunes: the server's answer (or refusal, in its words) is shown in place. */
export function ConfirmDialog({ open, onClose, title, description, ...rest }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <ConfirmBody onClose={onClose} {...rest} />
    </Dialog>
  );
}

function ConfirmBody({ onClose, confirmLabel, run, onDone, children, disabled }: Omit<Props, 'open' | 'title' | 'description'>) {
  const toast = useToast();
  const m = useMutation({
    mutationFn: run,
    onSuccess: (r) => {
      toast('success', r.message);
      onDone();
      onClose();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate();
      }}
    >
      {children ? <div className="flex flex-col gap-3 text-sm">{children}</div> : null}
      <DialogFooter
        error={m.error}
        pending={m.isPending}
        onCancel={onClose}
        submitLabel={confirmLabel}
        variant="danger"
        submitDisabled={disabled}
        errorTestId="confirm-error"
        errorClassName="mt-3"
      />
    </form>
  );
}

export function Check({
  id,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: ReactNode;
}) {
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="mt-0.5 size-4 accent-(--color-accent)" />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint ? <p className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p> : null}
      </div>
    </div>
  );
}
