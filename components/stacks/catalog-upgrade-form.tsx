'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type Answers, type AnswerSchemas, checkAnswers, initialAnswers, QuestionField, toSend, type Value } from '@/components/catalog/question-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, selectClass } from '@/components/ui/field';
import { ApiError, call } from '@/lib/api-client';
import type { StackCatalogView } from '@/lib/catalog-upgrade';
import type { OperationView, StackPlan } from '@/lib/compose-types';
import { qk } from '@/lib/query-keys';
import { stacksApi } from './api';
import { PlanView } from './plan-view';

type Target = NonNullable<StackCatalogView['target']>;

/**
 * Upgrading a catalog app: pick the version, answer only its new questions (the old answers and passwords are kept by
 * the server), Preview plan, then Upgrade, which the stack page follows like any deploy.
 */
export function CatalogUpgradeForm({
  hostId,
  name,
  catalog,
  target,
  onTarget,
  busy,
  onCancel,
  onStarted,
}: {
  hostId: string;
  name: string;
  catalog: StackCatalogView;
  target: Target;
  onTarget: (version: string) => void;
  busy: boolean;
  onCancel: () => void;
  onStarted: (op: OperationView) => void;
}) {
  const questions = target.questions;
  const [schemas, setSchemas] = useState<AnswerSchemas | null>(null);
  const [seededFor, setSeededFor] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState('');
  const [plan, setPlan] = useState<StackPlan | null>(null);
  const [rolling, setRolling] = useState<string | null>(null);
  const [sending, setSending] = useState('');
  // the answers' schemas are the server's (lib/schemas/catalog.ts), loaded with the form rather than with the page
  useEffect(() => void import('@/lib/schemas/catalog').then(setSchemas), []);
  if (seededFor !== target.version) {
    setSeededFor(target.version);
    setAnswers(initialAnswers(questions));
    setErrors({});
    setPlan(null);
  }
  const servicesQ = useQuery({ queryKey: qk.stacks(hostId), queryFn: () => stacksApi.list(hostId), enabled: questions.some((x) => x.type === 'service') });
  const services = (servicesQ.data ?? []).filter((s) => s.name !== name).flatMap((s) => s.services.map((svc) => `${s.name}/${svc}`));

  const set = (variable: string, v: Value) => {
    setAnswers({ ...answers, [variable]: v });
    setPlan(null);
    if (errors[variable]) setErrors(({ [variable]: _drop, ...rest }) => rest);
  };

  /** the server's refusal: per answer next to its field, anything else in the alert */
  const showError = (e: unknown) => {
    const found: Record<string, string> = {};
    const rest: string[] = [];
    for (const i of e instanceof ApiError ? e.issues : []) {
      const key = i.path.startsWith('answers.') ? i.path.slice('answers.'.length) : i.path;
      if (questions.some((x) => x.variable === key)) found[key] = i.message;
      else rest.push(i.message);
    }
    setErrors(found);
    setAlert(rest.length ? rest.join('; ') : Object.keys(found).length ? '' : (e as Error).message);
  };

  const send = async (what: 'plan' | 'upgrade') => {
    setAlert('');
    if (schemas) {
      const found = checkAnswers(schemas, questions, answers);
      setErrors(found);
      if (Object.keys(found).length) return;
    }
    setSending(what);
    try {
      const body = { version: target.version, answers: toSend(questions, answers), plan: what === 'plan' };
      const r = await call('POST /api/v1/hosts/{id}/stacks/{name}/catalog/upgrade', { id: hostId, name }, body);
      if ('plan' in r) {
        setPlan(r.plan);
        setRolling(r.rolling);
      } else onStarted(r.operation);
    } catch (e) {
      showError(e);
    } finally {
      setSending('');
    }
  };

  return (
    <form
      className="flex flex-col gap-2"
      aria-label="Upgrade the catalog app"
      onSubmit={(e) => {
        e.preventDefault();
        void send('upgrade');
      }}
    >
      <Field id="catalog-upgrade-version" label="Version">
        <select id="catalog-upgrade-version" className={selectClass} value={target.version} onChange={(e) => onTarget(e.target.value)}>
          {catalog.upgrades.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </Field>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {questions.length
          ? `v${target.version} asks ${questions.length === 1 ? 'one new question' : `${questions.length} new questions`}; the other answers and the passwords stay as they are.`
          : `v${target.version} asks nothing new; the answers and the passwords stay as they are.`}
      </p>
      {questions.map((x) => (
        <QuestionField
          key={x.variable}
          q={x}
          value={answers[x.variable] ?? ''}
          error={errors[x.variable]}
          onChange={(v) => set(x.variable, v)}
          services={services}
        />
      ))}
      {alert ? (
        <Alert tone="error" role="alert">
          {alert}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={() => void send('plan')} pending={sending === 'plan'}>
          Preview plan
        </Button>
        <Button type="submit" variant="primary" pending={sending === 'upgrade'} disabled={busy}>
          Upgrade to v{target.version}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
      {plan && rolling ? (
        <Alert tone="info">
          Only the image of {rolling} changes and it has a health check, so the upgrade is two-phase: its old containers wait, stopped, for Finish or Rollback
          in the Upgrade card.
        </Alert>
      ) : null}
      {plan ? <PlanView plan={plan} /> : null}
    </form>
  );
}
