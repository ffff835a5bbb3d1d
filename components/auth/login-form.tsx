'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { LogIn } from 'lucide-react';
import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import { LoginSchema } from '@/lib/schemas/auth';

type Input = z.infer<typeof LoginSchema>;

/** next-auth's error codes, in words that say what to do. */
const ERRORS: Record<string, string> = {
  AccessDenied: 'Your GitHub account is not a member of an organization allowed to use Berth, or it was disabled. Ask an admin.',
  OAuthCallback: 'GitHub sign-in did not complete (the request expired, was replayed or did not match). Start again.',
  OAuthSignin: 'Could not start GitHub sign-in: GitHub could not be reached. Try again, or sign in with a Berth account.',
  Callback: 'GitHub sign-in did not complete. Start again.',
  CredentialsSignin: 'Wrong user name or password',
  SessionRequired: 'Sign in to continue',
};

/** Only a path on this site may be the destination after sign-in. */
export function safeCallback(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : '/';
}

export function LoginForm({ github }: { github: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const callbackUrl = safeCallback(params.get('callbackUrl'));
  const initial = params.get('error');
  const [error, setError] = useState<string | null>(initial ? (ERRORS[initial] ?? initial) : null);
  const { register, handleSubmit, formState } = useForm<Input>({ resolver: zodResolver(LoginSchema) });

  const submit = handleSubmit(async (v) => {
    setError(null);
    const res = await signIn('credentials', { ...v, redirect: false, callbackUrl });
    if (!res?.ok || res.error) return setError(ERRORS[res?.error ?? ''] ?? res?.error ?? 'Sign-in failed');
    router.replace(callbackUrl);
    router.refresh();
  });

  return (
    <div className="flex flex-col gap-4">
      {error ? (
        <Alert tone="error" role="alert" testId="login-error">
          {error}
        </Alert>
      ) : null}
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <Field id="username" label="User name" error={formState.errors.username?.message}>
          <input
            id="username"
            autoComplete="username"
            className={inputClass}
            {...register('username')}
            {...describedBy('username', formState.errors.username?.message)}
          />
        </Field>
        <Field id="password" label="Password" error={formState.errors.password?.message}>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            className={inputClass}
            {...register('password')}
            {...describedBy('password', formState.errors.password?.message)}
          />
        </Field>
        <Button type="submit" variant="primary" pending={formState.isSubmitting}>
          Sign in
        </Button>
      </form>
      {github ? (
        <Button onClick={() => void signIn('github', { callbackUrl })} className="justify-center">
          <LogIn aria-hidden /> Sign in with GitHub
        </Button>
      ) : null}
    </div>
  );
}
