'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { qk } from '@/lib/query-keys';
import { CatalogSourceCreateSchema, SOURCE_FORMATS, type SourceKind, sourceIdOf } from '@/lib/schemas/catalog-sources';
import { catalogSourcesApi } from './sources-api';

const KINDS: { kind: SourceKind; label: string; hint: string }[] = [
  { kind: 'git', label: 'Git repository', hint: "A repository in Berth's template format (templates/<id>/…), cloned and refreshed with git." },
  { kind: 'url', label: 'Catalog file URL', hint: 'A Portainer app templates JSON, a CapRover one-click app or a Coolify template, downloaded and refreshed.' },
  { kind: 'file', label: 'Upload a file', hint: 'The same formats, from a file on this computer.' },
];
const FORMAT_LABEL: Record<string, string> = {
  portainer: 'Portainer app templates (v3 JSON)',
  caprover: 'CapRover one-click app',
  coolify: 'Coolify compose template',
  'coolify-catalog': "Coolify's service-templates.json",
};

/**
 * Adds a catalog source. The server reads it before saving, so whatever it refuses (a URL it will not clone, a file in
 * no known format, an unreachable address) is shown here with its cause and nothing is kept.
 */
export function CatalogSourceDialog({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const toast = useToast();
  const [v, setV] = useState({ kind: 'git' as SourceKind, name: '', url: '', path: '', format: '', fileName: '', text: '' });
  const [problem, setProblem] = useState<{ path: string; message: string } | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  const input = () => {
    const format = v.format || undefined;
    if (v.kind === 'git') return { kind: v.kind, name: v.name, url: v.url, path: v.path || undefined };
    if (v.kind === 'url') return { kind: v.kind, name: v.name, url: v.url, format };
    return { kind: v.kind, name: v.name, fileName: v.fileName || undefined, text: v.text, format };
  };
  const save = useMutation({
    mutationFn: () => catalogSourcesApi.create(CatalogSourceCreateSchema.parse(input())),
    onSuccess: (s) => {
      toast('success', `Added catalog source ${s.name}: ${s.templateCount} template${s.templateCount === 1 ? '' : 's'}`);
      void client.invalidateQueries({ queryKey: qk.catalogSources });
      void client.invalidateQueries({ queryKey: qk.catalog });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = CatalogSourceCreateSchema.safeParse(input());
    if (!r.success) {
      const i = r.error.issues[0];
      return setProblem({ path: String(i.path[0] ?? 'kind'), message: i.message });
    }
    setProblem(null);
    save.mutate();
  };
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setV({ ...v, fileName: file.name, text: await file.text(), name: v.name || file.name.replace(/\.(json|ya?ml)$/i, '') });
  };
  const err = (p: string) => (problem?.path === p ? problem.message : undefined);
  const id = sourceIdOf(v.name);

  return (
    <Dialog
      open
      onClose={onClose}
      busy={save.isPending}
      title="Add a catalog source"
      description="Its templates join the catalog as <source>/<template>."
      className="max-w-lg"
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">Kind</legend>
          {KINDS.map((k) => (
            <label key={k.kind} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="source-kind"
                value={k.kind}
                checked={v.kind === k.kind}
                onChange={() => setV({ ...v, kind: k.kind })}
                className="mt-1"
              />
              <span>
                <span className="font-medium">{k.label}</span> <span className="text-xs text-zinc-500 dark:text-zinc-400">{k.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field id="source-name" label="Name" error={err('name')} hint={id ? `Templates will be ${id}/<template>.` : 'For people, e.g. Team apps.'}>
          <input
            id="source-name"
            value={v.name}
            onChange={set('name')}
            className={inputClass}
            autoComplete="off"
            {...describedBy('source-name', err('name'))}
          />
        </Field>
        {v.kind !== 'file' ? (
          <Field
            id="source-url"
            label={v.kind === 'git' ? 'Repository URL' : 'File URL'}
            error={err('url')}
            hint={v.kind === 'git' ? 'https:// only; public repositories (no credentials in the URL).' : 'https://, e.g. the raw URL of a templates.json.'}
          >
            <input
              id="source-url"
              value={v.url}
              onChange={set('url')}
              className={inputClass}
              autoComplete="off"
              spellCheck={false}
              {...describedBy('source-url', err('url'))}
            />
          </Field>
        ) : (
          <Field
            id="source-file"
            label="Catalog file"
            error={err('text')}
            hint={v.fileName ? `${v.fileName}, ${v.text.length.toLocaleString()} characters` : 'JSON or YAML.'}
          >
            <input
              id="source-file"
              type="file"
              accept=".json,.yml,.yaml,application/json,text/yaml"
              onChange={(e) => void pick(e)}
              className="text-sm"
              {...describedBy('source-file', err('text'))}
            />
          </Field>
        )}
        {v.kind === 'git' ? (
          <Field id="source-path" label="Folder (optional)" error={err('path')} hint="The folder above templates/ in the repository; empty for its top.">
            <input
              id="source-path"
              value={v.path}
              onChange={set('path')}
              className={inputClass}
              autoComplete="off"
              spellCheck={false}
              placeholder="catalogs/main"
            />
          </Field>
        ) : (
          <Field id="source-format" label="Format" error={err('format')}>
            <select id="source-format" value={v.format} onChange={set('format')} className={selectClass}>
              <option value="">Recognise it</option>
              {SOURCE_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABEL[f]}
                </option>
              ))}
            </select>
          </Field>
        )}
        <DialogFooter error={save.error} pending={save.isPending} onCancel={onClose} submitLabel="Add source" errorTestId="source-error" />
      </form>
    </Dialog>
  );
}
