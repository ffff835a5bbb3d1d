'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { Field, inputClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { ServiceScaleSchema } from '@/lib/schemas/service-actions';
import type { ServiceDetail } from '@/lib/swarm-types';
import { serviceApi } from './service-api';

function ScaleForm({ hostId, service, onClose, onDone }: { hostId: string; service: ServiceDetail; onClose: () => void; onDone: () => void }) {
  const toast = useToast();
  const [text, setText] = useState(String(service.replicas ?? 1));
  const parsed = ServiceScaleSchema.safeParse({ replicas: text.trim() === '' ? NaN : Number(text) });
  const problem = parsed.success ? undefined : parsed.error.issues[0]?.message;
  const m = useMutation({
    mutationFn: () => serviceApi.scale(hostId, service.id, parsed.data!.replicas),
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
        if (parsed.success) m.mutate();
      }}
      className="flex flex-col gap-3"
    >
      <Field id="scale-replicas" label="Replicas" error={problem} hint="0 stops every task and keeps the service">
        <input
          id="scale-replicas"
          data-testid="scale-replicas"
          className={inputClass}
          inputMode="numeric"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoFocus
        />
      </Field>
      <DialogFooter error={m.error} pending={m.isPending} onCancel={onClose} submitLabel="Scale" submitDisabled={Boolean(problem)} />
    </form>
  );
}

export function ScaleDialog({
  hostId,
  service,
  open,
  onClose,
  onDone,
}: {
  hostId: string;
  service: ServiceDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={`Scale ${service.name}`} description={`Now ${service.running} running of ${service.desired} wanted`}>
      {open ? <ScaleForm hostId={hostId} service={service} onClose={onClose} onDone={onDone} /> : null}
    </Dialog>
  );
}
