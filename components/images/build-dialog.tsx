'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { TaskProgress } from '@/components/tasks/task-progress';
import { useTask } from '@/components/tasks/use-tasks';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { defaultHostId, HostSelectField } from '@/components/ui/resource-scope';
import { formatBytes } from '@/lib/format';
import { qk } from '@/lib/query-keys';
import { BUILD_UPLOAD_MAX_BYTES, BuildOptionsSchema, parseBuildArgs } from '@/lib/schemas/build';
import type { HostView } from '@/lib/types';
import { type BuildForm, taskApi } from './task-api';

interface Props {
  host?: HostView;
  hosts: HostView[];
  onClose: () => void;
}

const isArchive = (f: File | null) => Boolean(f && /\.(tar|tar\.gz|tgz)$/i.test(f.name));

/** Build from an uploaded Dockerfile or context archive; the log streams here and in the task panel. */
export function BuildDialog({ host, hosts, onClose }: Props) {
  const client = useQueryClient();
  const [hostId, setHostId] = useState(defaultHostId(host, hosts));
  const [file, setFile] = useState<File | null>(null);
  const [tag, setTag] = useState('');
  const [target, setTarget] = useState('');
  const [dockerfile, setDockerfile] = useState('');
  const [args, setArgs] = useState('');
  const [problem, setProblem] = useState<{ path: string; message: string } | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const task = useTask(taskId);
  const m = useMutation({ mutationFn: (form: BuildForm) => taskApi.build(hostId, form), onSuccess: (t) => setTaskId(t.id) });

  useEffect(() => {
    if (task?.state === 'succeeded') void client.invalidateQueries({ queryKey: qk.images(hostId) });
  }, [task?.state, client, hostId]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setProblem({ path: 'file', message: 'Choose a Dockerfile or a context archive' });
    if (file.size > BUILD_UPLOAD_MAX_BYTES)
      return setProblem({ path: 'file', message: `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(BUILD_UPLOAD_MAX_BYTES)}` });
    const parsedArgs = parseBuildArgs(args);
    if (parsedArgs.problem) return setProblem({ path: 'buildArgs', message: parsedArgs.problem });
    const r = BuildOptionsSchema.safeParse({
      tag: tag.trim() || undefined,
      target: target.trim() || undefined,
      dockerfile: (isArchive(file) && dockerfile.trim()) || undefined,
      buildArgs: parsedArgs.args,
    });
    if (!r.success) {
      const i = r.error.issues[0];
      return setProblem({ path: String(i.path[0] ?? ''), message: i.message });
    }
    setProblem(null);
    setTaskId(null);
    m.mutate({ file, ...r.data, tag: r.data.tag || undefined });
  };
  const err = (path: string) => (problem?.path === path ? problem.message : undefined);
  const running = task?.state === 'running' || m.isPending;

  return (
    <Dialog open onClose={onClose} title="Build an image" description="The build runs on the host; closing this dialog does not stop it." className="max-w-2xl">
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        {host ? <p className="text-sm">On host {host.name}.</p> : <HostSelectField hosts={hosts} value={hostId} onChange={setHostId} />}
        <Field
          id="build-file"
          label="Dockerfile or context archive"
          error={err('file')}
          hint={`A Dockerfile alone, or a .tar / .tar.gz of the build context (up to ${formatBytes(BUILD_UPLOAD_MAX_BYTES)}). Built by the Engine's classic builder: BuildKit-only features (RUN --mount, COPY --link, heredocs) need docker buildx on the host.`}
        >
          <input
            id="build-file"
            type="file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="text-sm"
            {...describedBy('build-file', err('file'))}
          />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id="build-tag" label="Tag (optional)" error={err('tag')} hint="Like myapp:1.0">
            <input
              id="build-tag"
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              className={inputClass}
              autoComplete="off"
              spellCheck={false}
              {...describedBy('build-tag', err('tag'))}
            />
          </Field>
          <Field id="build-target" label="Target stage (optional)" error={err('target')}>
            <input
              id="build-target"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              className={inputClass}
              autoComplete="off"
              spellCheck={false}
              {...describedBy('build-target', err('target'))}
            />
          </Field>
        </div>
        {isArchive(file) ? (
          <Field id="build-dockerfile" label="Dockerfile path in the archive" error={err('dockerfile')} hint="Default: Dockerfile at the archive's root.">
            <input
              id="build-dockerfile"
              value={dockerfile}
              onChange={(e) => setDockerfile(e.target.value)}
              className={inputClass}
              placeholder="Dockerfile"
              {...describedBy('build-dockerfile', err('dockerfile'))}
            />
          </Field>
        ) : null}
        <Field id="build-args" label="Build args (optional)" error={err('buildArgs')} hint="One KEY=VALUE per line, for the Dockerfile's ARG lines.">
          <textarea
            id="build-args"
            rows={2}
            value={args}
            onChange={(e) => setArgs(e.target.value)}
            className={`${inputClass} font-mono`}
            spellCheck={false}
            {...describedBy('build-args', err('buildArgs'))}
          />
        </Field>
        {m.error ? (
          <Alert tone="error" role="alert">
            {m.error.message}
          </Alert>
        ) : null}
        {task ? (
          <div data-testid="build-progress" className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
            <TaskProgress task={task.state === 'succeeded' ? { ...task, message: null } : task} logLines={30} />
            {task.state === 'succeeded' ? (
              <p role="status" className="mt-2 text-sm text-green-700 dark:text-green-400">
                {task.message}
              </p>
            ) : null}
          </div>
        ) : null}
        <DialogActions>
          <Button onClick={onClose}>{task ? 'Close' : 'Cancel'}</Button>
          <Button type="submit" variant="primary" pending={running} disabled={!file || !hostId}>
            Build
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
