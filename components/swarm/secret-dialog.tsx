'use client';

import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { createSchema, type SwarmObjectKind } from '@/lib/schemas/swarm-secrets';
import { secretsApi } from './secrets-api';

interface Draft {
  name: string;
  from: 'text' | 'file';
  text: string;
  file: { name: string; base64: string } | null;
}

/** The file's bytes as base64, read in the browser (the value goes up in the JSON body, `encoding: "base64"`). */
async function readBase64(f: File): Promise<string> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * New secret or config: a name and a value typed or read from a file. Checked with the route's own schema as the
 * user types (name rule, size limit). A secret's value is never shown again after this dialog.
 */
function CreateForm({ hostId, kind, onClose, onDone }: { hostId: string; kind: SwarmObjectKind; onClose: () => void; onDone: () => void }) {
  const toast = useToast();
  const [d, setD] = useState<Draft>({ name: '', from: 'text', text: '', file: null });
  const input =
    d.from === 'text' ? { name: d.name, data: d.text, encoding: 'text' as const } : { name: d.name, data: d.file?.base64 ?? '', encoding: 'base64' as const };
  const parsed = createSchema(kind).safeParse(input);
  const issue = (p: string) => (parsed.success || !d.name ? undefined : parsed.error.issues.find((i) => i.path[0] === p)?.message);
  const m = useMutation({
    mutationFn: () => secretsApi.create(hostId, kind, createSchema(kind).parse(input)),
    onSuccess: (r) => {
      toast('success', r.message);
      onDone();
      onClose();
    },
  });
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setD({ ...d, file: f ? { name: f.name, base64: await readBase64(f) } : null });
  };
  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed.success) m.mutate();
      }}
    >
      <Field id="swarm-object-name" label="Name" error={issue('name')} hint="Letters, digits, dots, dashes, underscores; 64 at most.">
        <input
          id="swarm-object-name"
          value={d.name}
          onChange={(e) => setD({ ...d, name: e.target.value })}
          className={inputClass}
          autoComplete="off"
          spellCheck={false}
          {...describedBy('swarm-object-name', issue('name'))}
        />
      </Field>
      <fieldset className="flex gap-4 text-sm">
        <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">Value from</legend>
        {(['text', 'file'] as const).map((f) => (
          <label key={f} className="flex items-center gap-1.5">
            <input type="radio" name="swarm-object-from" checked={d.from === f} onChange={() => setD({ ...d, from: f })} />
            {f === 'text' ? 'Text' : 'File'}
          </label>
        ))}
      </fieldset>
      {d.from === 'text' ? (
        <Field id="swarm-object-value" label="Value" error={issue('data')}>
          <textarea
            id="swarm-object-value"
            value={d.text}
            onChange={(e) => setD({ ...d, text: e.target.value })}
            className={`${inputClass} h-28 font-mono`}
            autoComplete="off"
            spellCheck={false}
            {...describedBy('swarm-object-value', issue('data'))}
          />
        </Field>
      ) : (
        <Field id="swarm-object-file" label="File" error={issue('data')} hint={d.file ? d.file.name : undefined}>
          <input id="swarm-object-file" type="file" onChange={(e) => void pick(e)} className="text-sm" {...describedBy('swarm-object-file', issue('data'))} />
        </Field>
      )}
      <DialogFooter error={m.error} pending={m.isPending} onCancel={onClose} submitLabel={`Create ${kind}`} submitDisabled={!parsed.success} />
    </form>
  );
}

export function SecretDialog({
  hostId,
  kind,
  open,
  onClose,
  onDone,
}: {
  hostId: string;
  kind: SwarmObjectKind;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`New ${kind}`}
      description={
        kind === 'secret'
          ? 'Services it is attached to read it at /run/secrets/<name>. Its value cannot be read back, from Berth or Docker.'
          : 'Services it is attached to read it as a file. Its value can be viewed later.'
      }
    >
      {open ? <CreateForm hostId={hostId} kind={kind} onClose={onClose} onDone={onDone} /> : null}
    </Dialog>
  );
}
