'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { type Pair, toMap } from '@/components/ui/form-model';
import { KeyValueEditor } from '@/components/ui/kv-editor';
import { useToast } from '@/components/ui/toast';
import { labelKeyProblem, NodeUpdateSchema } from '@/lib/schemas/swarm';
import type { SwarmNode } from '@/lib/swarm-types';
import { swarmApi } from './api';

/**
 * A node's labels as rows; saving sends the difference as a merge patch (removed keys as null), so labels someone
 * else set meanwhile on other keys are kept.
 */
function LabelsForm({ hostId, node, onClose, onDone }: { hostId: string; node: SwarmNode; onClose: () => void; onDone: () => void }) {
  const toast = useToast();
  const [rows, setRows] = useState<Pair[]>(() => [...Object.entries(node.labels).map(([key, value]) => ({ key, value })), { key: '', value: '' }]);
  const next = toMap(rows);
  const patch: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(next)) if (node.labels[k] !== v) patch[k] = v;
  for (const k of Object.keys(node.labels)) if (!(k in next)) patch[k] = null;
  const problem = Object.keys(next).map(labelKeyProblem).find(Boolean) ?? undefined;
  const m = useMutation({
    mutationFn: () => swarmApi.update(hostId, node.id, NodeUpdateSchema.parse({ labels: patch })),
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
      className="flex flex-col gap-3"
    >
      <KeyValueEditor
        id="node-label"
        label="Labels"
        rows={rows}
        onChange={setRows}
        error={problem}
        hint="Placement constraints name them as node.labels.KEY==VALUE"
        keyPlaceholder="zone"
        valuePlaceholder="eu-1"
      />
      <DialogFooter
        error={m.error}
        pending={m.isPending}
        onCancel={onClose}
        submitLabel="Save labels"
        submitDisabled={Boolean(problem) || Object.keys(patch).length === 0}
      />
    </form>
  );
}

export function LabelsDialog({ hostId, node, onClose, onDone }: { hostId: string; node: SwarmNode | null; onClose: () => void; onDone: () => void }) {
  return (
    <Dialog
      open={Boolean(node)}
      onClose={onClose}
      title={`Labels of ${node?.hostname ?? ''}`}
      description="Changing labels can move tasks whose constraints name them"
    >
      {node ? <LabelsForm key={node.id} hostId={hostId} node={node} onClose={onClose} onDone={onDone} /> : null}
    </Dialog>
  );
}
