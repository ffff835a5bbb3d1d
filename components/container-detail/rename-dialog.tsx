'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { api } from '@/lib/api-client';
import type { ContainerDetail } from '@/lib/types';

interface Props {
  c: ContainerDetail;
  open: boolean;
  onClose: () => void;
  onRenamed: () => void;
}

export function RenameDialog({ c, open, onClose, onRenamed }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={`Rename ${c.name}`} description="Other containers that reach it by name will need the new name.">
      <RenameForm c={c} onClose={onClose} onRenamed={onRenamed} />
    </Dialog>
  );
}

function RenameForm({ c, onClose, onRenamed }: Omit<Props, 'open'>) {
  const toast = useToast();
  const [name, setName] = useState(c.name);
  const m = useMutation({
    mutationFn: (newName: string) => api.containerAction(c.hostId, c.id, 'rename', { name: newName }),
    onSuccess: (r) => {
      toast('success', r.message);
      onRenamed();
      onClose();
    },
  });
  const fieldError =
    m.error && 'issues' in m.error ? (m.error.issues as { path: string; message: string }[]).find((i) => i.path === 'name')?.message : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate(name.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field id="rename-name" label="New name" error={fieldError}>
        <input
          id="rename-name"
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          className={inputClass}
          autoComplete="off"
          spellCheck={false}
          {...describedBy('rename-name', fieldError)}
        />
      </Field>
      <DialogFooter
        error={fieldError ? null : m.error}
        pending={m.isPending}
        onCancel={onClose}
        submitLabel="Save name"
        submitDisabled={!name.trim() || name.trim() === c.name}
        errorClassName="mt-3"
      />
    </form>
  );
}
