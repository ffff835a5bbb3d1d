'use client';

import { useState } from 'react';
import { ComposeEditorForm } from '@/components/stacks/compose-editor-form';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
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
  /** names of the private files Berth keeps for this stack */
  storedFiles?: string[];
  onDeployed: (message: string) => void;
}

/**
 * The compose editor of a Swarm stack (the compose stacks' editor), checked as you type by the plan endpoint, which
 * converts the file exactly as a deploy would; then Plan shows what a deploy would do, and Deploy does it.
 */
export function SwarmStackEditor({ hostId, name, initial, hasEnv, storedFiles = [], onDeployed }: Props) {
  const [compose, setCompose] = useState(initial);
  const [env, setEnv] = useState('');
  const [plan, setPlan] = useState<SwarmStackPlan | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<'plan' | 'deploy' | null>(null);
  // files chosen here replace the kept ones; none chosen: the kept ones are used
  const [files, setFiles] = useState<Record<string, string> | null>(null);
  const envArg = env || !hasEnv ? env : undefined;
  const filesArg = files ?? undefined;
  const pick = async (list: FileList | null) => {
    const picked: Record<string, string> = { ...(files ?? {}) };
    for (const f of Array.from(list ?? [])) picked[f.name] = await f.text();
    setFiles(picked);
    setPlan(null);
  };
  const validate = (text: string): Promise<ComposeIssue[]> =>
    swarmStackApi.plan(hostId, name || 'new-stack', text, envArg, filesArg).then(
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
      if (what === 'plan') setPlan(await swarmStackApi.plan(hostId, name, compose, envArg, filesArg));
      else {
        const r = await swarmStackApi.deploy(hostId, name, compose, envArg, filesArg);
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
      <ComposeEditorForm
        label="Stack file"
        compose={compose}
        onComposeChange={(t) => {
          setCompose(t);
          setPlan(null);
        }}
        validate={validate}
        envId="swarm-stack-env"
        env={env}
        onEnvChange={setEnv}
        envHint={`KEY=value lines for \${VAR} in the file and secrets with environment:. Stored encrypted.${hasEnv ? ' Leave empty to keep the stored one.' : ''}`}
        error={error}
      >
        <Field
          id="swarm-stack-files"
          label="Private files"
          hint={`Files that secrets and configs with file: (e.g. file: ./cert.pem) and env_file read, by name. Stored encrypted, never shown again.${storedFiles.length ? ` Kept: ${storedFiles.join(', ')}; files chosen here replace them.` : ''}`}
        >
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <input id="swarm-stack-files" type="file" multiple onChange={(e) => void pick(e.target.files)} data-testid="swarm-stack-files" />
            {files ? (
              <>
                <span data-testid="swarm-stack-file-names">{Object.keys(files).join(', ')}</span>
                <Button size="sm" onClick={() => setFiles(null)}>
                  Clear
                </Button>
              </>
            ) : null}
          </div>
        </Field>
      </ComposeEditorForm>
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
