'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { TaskProgress } from '@/components/tasks/task-progress';
import { useTask } from '@/components/tasks/use-tasks';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Check } from '@/components/ui/confirm-dialog';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { defaultHostId, HostSelectField } from '@/components/ui/resource-scope';
import { qk } from '@/lib/query-keys';
import { parseRef, PullSchema } from '@/lib/schemas/pull';
import type { HostView } from '@/lib/types';
import { taskApi } from './task-api';

interface Props {
  host?: HostView;
  hosts: HostView[];
  onClose: () => void;
}

/**
 * Pull an image: the stored credentials of the registry the reference names are used unless other credentials are
 * given (those are sent for this pull only). Progress shows here and in the task panel, which keeps it after close.
 */
export function PullDialog({ host, hosts, onClose }: Props) {
  const client = useQueryClient();
  const [hostId, setHostId] = useState(defaultHostId(host, hosts));
  const [ref, setRef] = useState('');
  const [withAuth, setWithAuth] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<{ path: string; message: string } | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const task = useTask(taskId);
  const m = useMutation({ mutationFn: (input: Parameters<typeof taskApi.pull>[1]) => taskApi.pull(hostId, input), onSuccess: (t) => setTaskId(t.id) });

  useEffect(() => {
    if (task?.state === 'succeeded') void client.invalidateQueries({ queryKey: qk.images(hostId) });
  }, [task?.state, client, hostId]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = PullSchema.safeParse({ ref, ...(withAuth ? { auth: { username, password } } : {}) });
    if (!r.success) {
      const i = r.error.issues[0];
      return setProblem({ path: i.path.join('.'), message: i.message });
    }
    setProblem(null);
    setTaskId(null);
    m.mutate(r.data);
  };
  const err = (path: string) => (problem?.path === path ? problem.message : undefined);
  const registry = ref.trim() ? parseRef(ref.trim()).registry : null;
  const running = task?.state === 'running' || m.isPending;

  return (
    <Dialog
      open
      onClose={onClose}
      title="Pull an image"
      description="Progress also shows in the task panel; closing this dialog does not stop the pull."
      className="max-w-lg"
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        {host ? <p className="text-sm">On host {host.name}.</p> : <HostSelectField hosts={hosts} value={hostId} onChange={setHostId} />}
        <Field
          id="pull-ref"
          label="Image"
          error={err('ref')}
          hint={registry ? `From registry ${registry}; no tag means latest.` : 'Like 127.0.0.1:5000/team/app:1.0 or busybox:latest.'}
        >
          <input
            id="pull-ref"
            autoFocus
            value={ref}
            onChange={(e) => setRef(e.target.value)}
            className={inputClass}
            autoComplete="off"
            spellCheck={false}
            {...describedBy('pull-ref', err('ref'))}
          />
        </Field>
        <Check
          id="pull-with-auth"
          label="Use other credentials for this pull"
          checked={withAuth}
          onChange={setWithAuth}
          hint="Otherwise the credentials stored for the registry in Settings are used. These are not stored."
        />
        {withAuth ? (
          <div className="grid grid-cols-2 gap-3">
            <Field id="pull-user" label="User name" error={err('auth.username')}>
              <input
                id="pull-user"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                className={inputClass}
                autoComplete="off"
                {...describedBy('pull-user', err('auth.username'))}
              />
            </Field>
            <Field id="pull-password" label="Password or token" error={err('auth.password')}>
              <input
                id="pull-password"
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                className={inputClass}
                autoComplete="new-password"
                {...describedBy('pull-password', err('auth.password'))}
              />
            </Field>
          </div>
        ) : null}
        {m.error ? (
          <Alert tone="error" role="alert">
            {m.error.message}
          </Alert>
        ) : null}
        {task ? (
          <div data-testid="pull-progress" className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
            <TaskProgress task={task.state === 'succeeded' ? { ...task, message: null } : task} />
            {task.state === 'succeeded' ? (
              <p role="status" className="text-sm text-green-700 dark:text-green-400">
                {task.message}
              </p>
            ) : null}
          </div>
        ) : null}
        <DialogActions>
          <Button onClick={onClose}>{task ? 'Close' : 'Cancel'}</Button>
          <Button type="submit" variant="primary" pending={running} disabled={!ref.trim() || !hostId}>
            Pull
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
