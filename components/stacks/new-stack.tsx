'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { defaultHostId, HostSelectField, useResourceScope } from '@/components/ui/resource-scope';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import type { stackName } from '@/lib/schemas/stacks';
import { stacksApi } from './api';
import { ComposeEditorForm } from './compose-editor-form';

const STARTER = `services:
  web:
    image: nginx:latest
    ports:
      - "8080:80"
`;

/** A new stack: host, name, compose file and .env. Saving stores it; the stack page then plans and deploys it. */
function NewStackInner() {
  const scope = useResourceScope();
  const router = useRouter();
  const search = useSearchParams();
  const [hostId, setHostId] = useState(search.get('host') ?? '');
  const [name, setName] = useState('');
  const [compose, setCompose] = useState(STARTER);
  const [env, setEnv] = useState('');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  // choosing a host here is local to the form: the switcher (?host=) stays as the user left it
  const host = hostId || defaultHostId(scope.host, scope.all);
  // the name's schema (and zod with it) is fetched when a name is first typed, not with the page
  const [nameSchema, setNameSchema] = useState<typeof stackName | null>(null);
  useEffect(() => {
    if (name && !nameSchema) void import('@/lib/schemas/stacks').then((m) => setNameSchema(m.stackName));
  }, [name, nameSchema]);
  const nameCheck = name && nameSchema ? nameSchema.safeParse(name) : null;
  const nameError = nameCheck && !nameCheck.success ? nameCheck.error.issues[0].message : undefined;

  const save = async () => {
    setError('');
    setSaving(true);
    try {
      await stacksApi.create(host, name, compose, env);
      router.push(stacksApi.stackHref(host, name));
    } catch (e) {
      setError((e as Error).message);
      setSaving(false);
    }
  };

  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <PageHeader title="New stack" description="Paste or write a docker-compose file; problems are marked at their line as you type." />
      <div className="grid gap-3 md:grid-cols-2">
        <HostSelectField hosts={scope.all} value={host} onChange={setHostId} hint={!scope.host} />
        <Field id="stack-name" label="Name" error={nameError} hint="Lowercase letters, digits, _ and -: it prefixes container, network and volume names.">
          <input
            id="stack-name"
            className={inputClass}
            value={name}
            onChange={(e) => setName(e.target.value.trim())}
            aria-invalid={Boolean(nameError) || undefined}
          />
        </Field>
      </div>
      <ComposeEditorForm
        label="Compose file"
        compose={compose}
        onComposeChange={setCompose}
        validate={(text) => stacksApi.validate(host, text, env).then((r) => r.issues)}
        envId="stack-env"
        env={env}
        onEnvChange={setEnv}
        envHint="KEY=value lines, used for ${VAR} in the file and by env_file: .env. Stored encrypted."
        envRows={4}
        error={error}
      />
      <div>
        <Button variant="primary" onClick={save} pending={saving} disabled={!host || !name || Boolean(nameError)}>
          Save stack
        </Button>
      </div>
    </div>
  );
}

export function NewStack() {
  return useHydrated() ? <NewStackInner /> : <ViewLoading what="the stack editor" />;
}
