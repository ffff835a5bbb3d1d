'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { call } from '@/lib/api-client';
import { type SetupInput, SetupSchema, STRONG_PASSWORD_HINT } from '@/lib/schemas/auth';

/** Creates the first admin, then signs in as them. */
export function SetupForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SetupInput>({ resolver: zodResolver(SetupSchema), defaultValues: { username: 'admin' } });

  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      await call('POST /api/v1/setup', {}, v);
    } catch (e) {
      return setError((e as Error).message);
    }
    const res = await signIn('credentials', { ...v, redirect: false, callbackUrl: '/' });
    if (!res?.ok) return setError('The admin was created, but signing in failed: sign in on the next page');
    router.replace('/');
    router.refresh();
  });

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      {error ? (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      ) : null}
      <Field id="username" label="Admin user name" error={formState.errors.username?.message}>
        <input
          id="username"
          autoComplete="username"
          className={inputClass}
          {...register('username')}
          {...describedBy('username', formState.errors.username?.message)}
        />
      </Field>
      <Field id="password" label="Password" error={formState.errors.password?.message} hint={STRONG_PASSWORD_HINT}>
        <input
          id="password"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          {...register('password')}
          {...describedBy('password', formState.errors.password?.message)}
        />
      </Field>
      <Button type="submit" variant="primary" pending={formState.isSubmitting}>
        Create admin and sign in
      </Button>
    </form>
  );
}
