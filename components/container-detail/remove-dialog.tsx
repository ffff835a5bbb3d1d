'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { api } from '@/lib/api-client';
import type { ContainerDetail } from '@/lib/types';

interface Props {
  /** all the dialog needs, so that the container list (a ContainerSummary) can use it as well as the detail page */
  c: Pick<ContainerDetail, 'hostId' | 'id' | 'name' | 'state'>;
  open: boolean;
  onClose: () => void;
  onRemoved: () => void;
}

export function RemoveDialog({ c, open, onClose, onRemoved }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={`Remove ${c.name}?`} description="The container and its writable layer are deleted. This cannot be undone.">
      <RemoveForm c={c} onClose={onClose} onRemoved={onRemoved} />
    </Dialog>
  );
}

function Check({ id, label, checked, onChange, hint }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void; hint: string }) {
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="mt-0.5 size-4 accent-(--color-accent)" />
      <div>
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>
      </div>
    </div>
  );
}

function RemoveForm({ c, onClose, onRemoved }: Omit<Props, 'open'>) {
  const toast = useToast();
  const running = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
  const [force, setForce] = useState(false);
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const m = useMutation({
    mutationFn: () => api.containerAction(c.hostId, c.id, 'remove', { force, removeVolumes }),
    onSuccess: (r) => {
      toast('success', r.message);
      onRemoved();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.mutate();
  };
  return (
    <form onSubmit={submit}>
      <div className="flex flex-col gap-3">
        <Check
          id="remove-force"
          label="Force (stop if running)"
          checked={force}
          onChange={setForce}
          hint={running ? `${c.name} is ${c.state}: without this, the Engine refuses to remove it.` : 'Kills the container first if it is running.'}
        />
        <Check
          id="remove-volumes"
          label="Remove anonymous volumes"
          checked={removeVolumes}
          onChange={setRemoveVolumes}
          hint="Deletes volumes created for this container only; named volumes are kept."
        />
      </div>
      <DialogFooter error={m.error} pending={m.isPending} onCancel={onClose} submitLabel="Remove container" variant="danger" errorClassName="mt-3" />
    </form>
  );
}
