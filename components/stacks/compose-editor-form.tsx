'use client';

import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { Field, inputClass } from '@/components/ui/field';
import type { ComposeIssue } from '@/lib/compose-types';
import { YamlEditor } from './lazy-yaml-editor';

interface Props {
  /** the editor's label: 'Compose file', or 'Stack file' for a Swarm stack */
  label: string;
  compose: string;
  onComposeChange: (text: string) => void;
  /** the server's check of the file as it would deploy it, marked at the lines as you type */
  validate: (text: string) => Promise<ComposeIssue[]>;
  /** the .env box: its element id (labels and tests find it by it), what it is for, and its height */
  envId: string;
  env: string;
  onEnvChange: (text: string) => void;
  envHint: string;
  envRows?: number;
  /** fields after the .env (a Swarm stack's private files) */
  children?: ReactNode;
  /** the last action's refusal, shown under the fields */
  error?: string;
}

/**
 * The fields every compose editor shows, whether the file becomes a compose stack (new or existing) or a Swarm stack:
 * the file with its problems at their lines, its .env, and the last error. The pages keep their own buttons and what
 * the buttons call.
 */
export function ComposeEditorForm({ label, compose, onComposeChange, validate, envId, env, onEnvChange, envHint, envRows = 3, children, error }: Props) {
  return (
    <>
      <YamlEditor label={label} value={compose} onChange={onComposeChange} validate={validate} />
      <Field id={envId} label=".env" hint={envHint}>
        <textarea
          id={envId}
          rows={envRows}
          className={`${inputClass} font-mono text-xs`}
          value={env}
          onChange={(e) => onEnvChange(e.target.value)}
          spellCheck={false}
        />
      </Field>
      {children}
      {error ? (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      ) : null}
    </>
  );
}
