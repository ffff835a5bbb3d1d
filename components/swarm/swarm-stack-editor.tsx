'use client';

import { useState } from 'react';
import { YamlEditor } from '@/components/stacks/lazy-yaml-editor';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { ApiError } from '@/lib/api-client';
import type { ComposeIssue } from '@/lib/compose-types';
import type { SwarmStackPlan } from '@/lib/swarm-stack-types';
import { swarmStackApi } from './swarm-stack-api';
import { SwarmStackPlanView } from './swarm-stack-plan';

interface Props {
  hostId: string;
  /** the stack's name ('' while a new stack has none yet) */
  name: string;
  initial: string;
  /** Berth keeps a .env for this stack: an empty box keeps it */
  hasEnv?: boolean;
  onDeployed: (message: string) => void;
}

/**
 * The compose editor of a Swarm stack (the compose stacks' editor), checked as you type by the plan endpoint, which
 * converts the file exactly as a deploy would; then Plan shows what a deploy would do, and Deploy does it.
 */
export function SwarmStackEditor({ hostId, name, initial, hasEnv, onDeployed }: Props) {
  const [compose, setCompose] = useState(initial);
  const [env, setEnv] = useState('');
  const [plan, setPlan] = useState<SwarmStackPlan | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<'plan' | 'deploy' | null>(null);
  const envArg = env || !hasEnv ? env : undefined;
  const validate = (text: string): Promise<ComposeIssue[]> =>
    swarmStackApi.plan(hostId, name || 'new-stack', text, envArg).then(
      () => [],
      (e: unknown) => {
        // a 400 is the file's problems, each at its line; a 409 (a missing external) is not the editor's to mark
        if (e instanceof ApiError && e.status === 400) return e.issues.length ? (e.issues as ComposeIssue[]) : [{ message: e.message }];
        return [];
      },
    );
  const run = async (what: 'plan' | 'deploy') => {
    setError('');
    setBusy(what);
    try {
      if (what === 'plan') setPlan(await swarmStackApi.plan(hostId, name, compose, envArg));
      else {
        const r = await swarmStackApi.deploy(hostId, name, compose, envArg);
        setPlan(null);
        onDeployed(r.message);
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="flex flex-col gap-3" data-testid="swarm-stack-editor">
      <YamlEditor
        label="Stack file"
        value={compose}
        onChange={(t) => {
          setCompose(t);
          setPlan(null);
        }}
        validate={validate}
      />
      <Field
        id="swarm-stack-env"
        label=".env"
        hint={`KEY=value lines for \${VAR} in the file and secrets with environment:. Stored encrypted.${hasEnv ? ' Leave empty to keep the stored one.' : ''}`}
      >
        <textarea
          id="swarm-stack-env"
          rows={3}
          className={`${inputClass} font-mono text-xs`}
          value={env}
          onChange={(e) => setEnv(e.target.value)}
          spellCheck={false}
        />
      </Field>
      {error ? (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      ) : null}
      {plan ? <SwarmStackPlanView plan={plan} /> : null}
      <div className="flex gap-2">
        <Button onClick={() => run('plan')} pending={busy === 'plan'} disabled={!name || busy !== null} data-testid="swarm-stack-plan">
          Plan
        </Button>
        <Button
          variant="primary"
          onClick={() => run('deploy')}
          pending={busy === 'deploy'}
          disabled={!name || !plan || busy !== null}
          data-testid="swarm-stack-deploy"
        >
          Deploy
        </Button>
      </div>
    </div>
  );
}
