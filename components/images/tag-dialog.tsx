'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { shortId } from '@/lib/format';
import { ImageTagSchema } from '@/lib/schemas/images';
import type { ImageSummary } from '@/lib/types';
import { imagesApi } from './api';

interface Props {
  row: ImageSummary;
  onClose: () => void;
  onDone: () => void;
}

export function TagDialog({ row, onClose, onDone }: Props) {
  const toast = useToast();
  const [ref, setRef] = useState(row.ref ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  const m = useMutation({
    mutationFn: (value: string) => imagesApi.tag(row.hostId, row.id, value),
    onSuccess: (r) => {
      toast('success', r.message);
      onDone();
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The same schema the server checks with: the message appears before any request is made.
    const r = ImageTagSchema.safeParse({ ref });
    if (!r.success) return setProblem(r.error.issues[0]?.message);
    setProblem(undefined);
    m.mutate(r.data.ref);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Tag image ${row.ref ?? shortId(row.id)}`}
      description="Adds a name to the same image; a tag another image holds moves to this one."
    >
      <form onSubmit={submit} noValidate>
        <Field id="tag-ref" label="New repository:tag" error={problem} hint="Like myapp:1.0 or registry.example.com:5000/team/app:latest; no tag means latest.">
          <input
            id="tag-ref"
            autoFocus
            value={ref}
            onChange={(e) => setRef(e.target.value)}
            className={inputClass}
            autoComplete="off"
            spellCheck={false}
            {...describedBy('tag-ref', problem)}
          />
        </Field>
        <DialogFooter error={m.error} pending={m.isPending} onCancel={onClose} submitLabel="Add tag" submitDisabled={!ref.trim()} errorClassName="mt-3" />
      </form>
    </Dialog>
  );
}
