'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Dialog, DialogFooter } from '@/components/ui/dialog';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import type { UserView } from '@/lib/auth-types';
import { qk } from '@/lib/query-keys';
import { NewPasswordSchema, type UserCreate, UserCreateSchema } from '@/lib/schemas/auth';
import { accessApi } from './api';
import { applyServerIssues } from './form-errors';

/** "Add user": a local account, optionally with a role on every host (finer grants are made in Settings → Access). */
export function AddUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Add user" description="A local Berth account that signs in with a user name and password.">
      <AddUserForm onClose={onClose} />
    </Dialog>
  );
}

function AddUserForm({ onClose }: { onClose: () => void }) {
  const toast = useToast();
  const client = useQueryClient();
  const { register, handleSubmit, setError, formState } = useForm<UserCreate>({
    resolver: zodResolver(UserCreateSchema),
    defaultValues: { username: '', password: '', role: null },
  });
  const m = useMutation({
    mutationFn: accessApi.createUser,
    onSuccess: (u) => {
      toast('success', `Added user ${u.username}`);
      void client.invalidateQueries({ queryKey: qk.users });
      void client.invalidateQueries({ queryKey: qk.grants });
      onClose();
    },
    onError: (e) => applyServerIssues<UserCreate>(e, ['username', 'password', 'role'], setError),
  });
  const err = formState.errors;
  return (
    <form onSubmit={handleSubmit((v) => m.mutate(v))} noValidate className="flex flex-col gap-4" data-testid="add-user-form">
      <Field id="new-username" label="User name" error={err.username?.message}>
        <input
          id="new-username"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          className={inputClass}
          {...register('username')}
          {...describedBy('new-username', err.username?.message)}
        />
      </Field>
      <Field
        id="new-password"
        label="Password"
        error={err.password?.message}
        hint="At least 8 characters; 12 or more with mixed kinds of characters is not flagged as weak."
      >
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          {...register('password')}
          {...describedBy('new-password', err.password?.message)}
        />
      </Field>
      <Field id="new-role" label="Role on all hosts" error={err.role?.message} hint="Leave at “No role” to grant per host later in Settings → Access.">
        <select id="new-role" className={selectClass} {...register('role', { setValueAs: (v: string | null) => v || null })}>
          <option value="">No role</option>
          <option value="viewer">Viewer (read only)</option>
          <option value="operator">Operator (lifecycle, logs, exec, deploy)</option>
          <option value="admin">Admin (everything)</option>
        </select>
      </Field>
      <DialogFooter error={m.error} pending={m.isPending} onCancel={onClose} submitLabel="Add user" errorTestId="add-user-error" />
    </form>
  );
}

const PasswordForm = z.object({ password: NewPasswordSchema });
type PasswordInput = z.infer<typeof PasswordForm>;

/** "Set password" for a local user; the user's other sessions stay (the server decides that), the old password stops working. */
export function SetPasswordDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  return (
    <Dialog open={Boolean(user)} onClose={onClose} title={`Set password of ${user?.username ?? ''}`} description="The old password stops working at once.">
      {user ? <SetPasswordForm user={user} onClose={onClose} /> : null}
    </Dialog>
  );
}

function SetPasswordForm({ user, onClose }: { user: UserView; onClose: () => void }) {
  const toast = useToast();
  const client = useQueryClient();
  const { register, handleSubmit, setError, formState } = useForm<PasswordInput>({ resolver: zodResolver(PasswordForm), defaultValues: { password: '' } });
  const m = useMutation({
    mutationFn: (v: PasswordInput) => accessApi.updateUser(user.id, { password: v.password }),
    onSuccess: () => {
      toast('success', `Set a new password for ${user.username}`);
      void client.invalidateQueries({ queryKey: qk.users });
      onClose();
    },
    onError: (e) => applyServerIssues<PasswordInput>(e, ['password'], setError),
  });
  const error = formState.errors.password?.message;
  return (
    <form onSubmit={handleSubmit((v) => m.mutate(v))} noValidate className="flex flex-col gap-4">
      <Field id="set-password" label="New password" error={error}>
        <input
          id="set-password"
          type="password"
          autoFocus
          autoComplete="new-password"
          className={inputClass}
          {...register('password')}
          {...describedBy('set-password', error)}
        />
      </Field>
      <DialogFooter error={m.error} pending={m.isPending} onCancel={onClose} submitLabel="Set password" />
    </form>
  );
}
