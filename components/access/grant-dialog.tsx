'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { ALL_HOSTS, describeGrant, SUBJECT_KINDS, subjectKindLabel } from '@/lib/access-format';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import { type GrantCreate, GrantCreateSchema } from '@/lib/schemas/auth';
import { accessApi, retryUnlessRefused } from './api';
import { applyServerIssues } from './form-errors';

export function GrantDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Add grant"
      description="Give a user, a GitHub user or a GitHub team a role on one host or on all hosts."
      className="max-w-lg"
    >
      <GrantForm onClose={onClose} />
    </Dialog>
  );
}

function GrantForm({ onClose }: { onClose: () => void }) {
  const toast = useToast();
  const client = useQueryClient();
  const hosts = useHosts();
  // Suggestions only: the server resolves and checks the name.
  const users = useQuery({ queryKey: qk.users, queryFn: accessApi.users, retry: retryUnlessRefused });
  const { register, handleSubmit, setError, control, formState } = useForm<GrantCreate>({
    resolver: zodResolver(GrantCreateSchema),
    defaultValues: { subjectKind: 'user', subject: '', hostId: ALL_HOSTS, role: 'viewer' },
  });
  const kind = useWatch({ control, name: 'subjectKind' });
  const kindInfo = SUBJECT_KINDS.find((k) => k.value === kind) ?? SUBJECT_KINDS[0];
  const names = new Map((hosts.data ?? []).map((h) => [h.id, h.name]));
  const m = useMutation({
    mutationFn: accessApi.createGrant,
    onSuccess: (g) => {
      toast('success', `Granted ${describeGrant(g, names)} to ${subjectKindLabel(g.subjectKind).toLowerCase()} ${g.subjectLabel}`);
      void client.invalidateQueries({ queryKey: qk.grants });
      void client.invalidateQueries({ queryKey: qk.users });
      onClose();
    },
    onError: (e) => applyServerIssues<GrantCreate>(e, ['subjectKind', 'subject', 'hostId', 'role'], setError),
  });
  const err = formState.errors;
  const suggestions = (users.data ?? []).filter((u) => (kind === 'user' ? u.kind === 'local' : kind === 'github_user' ? u.kind === 'github' : false));
  return (
    <form onSubmit={handleSubmit((v) => m.mutate(v))} noValidate className="flex flex-col gap-4" data-testid="grant-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="grant-kind" label="Grant to" error={err.subjectKind?.message}>
          <select id="grant-kind" className={selectClass} {...register('subjectKind')}>
            {SUBJECT_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="grant-subject"
          label={kind === 'github_team' ? 'Team (org/team)' : kind === 'github_user' ? 'GitHub login' : 'User name'}
          error={err.subject?.message}
          hint={kindInfo.hint}
        >
          <input
            id="grant-subject"
            autoComplete="off"
            spellCheck={false}
            placeholder={kindInfo.placeholder}
            list={suggestions.length ? 'grant-subject-options' : undefined}
            className={inputClass}
            {...register('subject')}
            {...describedBy('grant-subject', err.subject?.message)}
          />
        </Field>
        <datalist id="grant-subject-options">
          {suggestions.map((u) => (
            <option key={u.id} value={u.username} />
          ))}
        </datalist>
        <Field id="grant-host" label="Host" error={err.hostId?.message}>
          <select id="grant-host" className={selectClass} {...register('hostId')}>
            <option value={ALL_HOSTS}>All hosts</option>
            {(hosts.data ?? []).map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="grant-role" label="Role" error={err.role?.message}>
          <select id="grant-role" className={selectClass} {...register('role')}>
            <option value="viewer">Viewer</option>
            <option value="operator">Operator</option>
            <option value="admin">Admin</option>
          </select>
        </Field>
      </div>
      <DialogFooter error={m.error} pending={m.isPending} onCancel={onClose} submitLabel="Add grant" errorTestId="grant-error" />
    </form>
  );
}
