'use client';

import { X } from 'lucide-react';
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Alert } from './alert';
import { Button } from './button';
import { cn } from './cn';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
  /** block Escape and the close button while something is in flight */
  busy?: boolean;
}

/**
 * A native modal <dialog>: the browser traps focus, makes the page behind it inert, handles Escape and gives focus
 * back to the opener on close. Children mount only while open, so forms inside start fresh every time.
 */
export function Dialog({ open, onClose, title, description, children, className, busy }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={cn('berth-dialog max-w-md', className)}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      onClose={() => open && onClose()}
    >
      {open ? (
        <div className="flex flex-col">
          <div className="flex items-start justify-between gap-4 border-b border-zinc-200 px-5 py-3.5 dark:border-zinc-800">
            <div className="min-w-0">
              <h2 id={titleId} className="text-base font-semibold">
                {title}
              </h2>
              {description ? (
                <p id={descId} className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                  {description}
                </p>
              ) : null}
            </div>
            <button
              type="button"
              aria-label="Close"
              disabled={busy}
              onClick={onClose}
              className="-mr-1.5 rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-40 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
            >
              <X className="size-4" aria-hidden />
            </button>
          </div>
          <div className="px-5 py-4">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}

export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="mt-5 flex flex-wrap items-center justify-end gap-2">{children}</div>;
}

interface DialogFooterProps {
  /** the mutation's error, shown above the buttons; null hides it */
  error?: { message: string } | null;
  pending: boolean;
  onCancel: () => void;
  submitLabel: ReactNode;
  variant?: 'primary' | 'danger';
  submitDisabled?: boolean;
  /** for dialogs without a form: the main button becomes a plain button that calls this */
  onConfirm?: () => void;
  errorTestId?: string;
  errorClassName?: string;
}

/** The error line and Cancel/submit buttons that end a dialog's form; Cancel is blocked while the action runs. */
export function DialogFooter({
  error,
  pending,
  onCancel,
  submitLabel,
  variant = 'primary',
  submitDisabled,
  onConfirm,
  errorTestId,
  errorClassName,
}: DialogFooterProps) {
  return (
    <>
      {error ? (
        <Alert tone="error" role="alert" className={errorClassName} testId={errorTestId}>
          {error.message}
        </Alert>
      ) : null}
      <DialogActions>
        <Button onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type={onConfirm ? 'button' : 'submit'} variant={variant} pending={pending} disabled={submitDisabled} onClick={onConfirm}>
          {submitLabel}
        </Button>
      </DialogActions>
    </>
  );
}
