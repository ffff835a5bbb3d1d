'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { stacksApi } from '@/components/stacks/api';
import { PlanView } from '@/components/stacks/plan-view';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describedBy, Field, inputClass, selectClass } from '@/components/ui/field';
import { defaultHostId, HostSelectField, useResourceScope } from '@/components/ui/resource-scope';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import { ApiError, call } from '@/lib/api-client';
import type { Question } from '@/lib/catalog-types';
import type { StackPlan } from '@/lib/compose-types';
import { qk } from '@/lib/query-keys';
import { type Answers, type AnswerSchemas, checkAnswers, initialAnswers, QuestionField, toSend, type Value } from './question-field';
import { Readme } from './readme';
import { TemplateHeader } from './template-header';

type Schemas = AnswerSchemas & { stackName: typeof import('@/lib/schemas/stacks').stackName };

/**
 * One catalog template: its README, and the launch form built from the chosen version's questions (grouped by
 * `group`), then a Preview of the exact compose file the server renders, then Deploy, which opens the new stack's page
 * following the deploy's operation.
 */
function TemplateLaunchInner({ id }: { id: string }) {
  const scope = useResourceScope();
  const router = useRouter();
  const client = useQueryClient();
  const q = useQuery({ queryKey: qk.catalogTemplate(id), queryFn: () => call('GET /api/v1/catalog/{template}', { template: id }).then((r) => r.template) });
  const t = q.data;
  const [versionPick, setVersion] = useState('');
  const version = versionPick || t?.defaultVersion || '';
  const current = t?.versions.find((v) => v.version === version) ?? t?.versions[0];
  const questions = useMemo(() => current?.questions ?? [], [current]);

  const [hostPick, setHostId] = useState(() => new URLSearchParams(window.location.search).get('host') ?? '');
  const host = hostPick || defaultHostId(scope.host, scope.all);
  const [stack, setStack] = useState('');
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState('');
  const [preview, setPreview] = useState<string | null>(null);
  // the plan step: what the launch would create on the chosen host (null: not asked, or out of date)
  const [plan, setPlan] = useState<StackPlan | null>(null);
  const [busy, setBusy] = useState<'' | 'preview' | 'deploy'>('');
  const [schemas, setSchemas] = useState<Schemas | null>(null);

  // zod and the answer schemas are fetched after the page, not with it
  useEffect(() => {
    void Promise.all([import('@/lib/schemas/catalog'), import('@/lib/schemas/stacks')]).then(([c, s]) => setSchemas({ ...c, stackName: s.stackName }));
  }, []);
  // the form is seeded from the version's defaults when a version is first shown (or picked)
  const [seededFor, setSeededFor] = useState('');
  if (current && seededFor !== current.version) {
    setSeededFor(current.version);
    setAnswers(initialAnswers(current.questions));
    setPreview(null);
    setPlan(null);
    setErrors({});
  }

  const servicesQ = useQuery({
    queryKey: qk.stacks(host),
    queryFn: () => stacksApi.list(host),
    enabled: Boolean(host) && questions.some((x) => x.type === 'service'),
  });
  const serviceOptions = useMemo(() => (servicesQ.data ?? []).flatMap((s) => s.services.map((svc) => `${s.name}/${svc}`)), [servicesQ.data]);

  if (q.error)
    return (
      <div className="flex flex-col gap-3 p-4 md:p-6">
        <Alert tone="error">{q.error.message}</Alert>
        <Link href="/catalog" className="text-sm text-accent hover:underline">
          Back to the catalog
        </Link>
      </div>
    );
  if (!t || !answers) return <ViewLoading what="the template" />;
  const readme = current?.readme ?? t.readme;

  const set = (variable: string, v: Value) => {
    setAnswers({ ...answers, [variable]: v });
    setPreview(null);
    setPlan(null);
    if (errors[variable]) setErrors(({ [variable]: _drop, ...rest }) => rest);
  };

  /** the form's check; false when something is wrong (shown at its field) */
  const check = (withName: boolean): boolean => {
    if (!schemas) return true;
    const found = checkAnswers(schemas, questions, answers);
    if (withName) {
      const n = schemas.stackName.safeParse(stack);
      if (!n.success) found.stack = n.error.issues[0].message;
    }
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  /** the server's refusal: per answer next to its field, anything else in the alert, in the server's words */
  const showError = (e: unknown) => {
    if (e instanceof ApiError && e.issues.length) {
      const found: Record<string, string> = {};
      const rest: string[] = [];
      for (const i of e.issues) {
        const key = i.path.startsWith('answers.') ? i.path.slice('answers.'.length) : i.path;
        if (key === 'stack' || questions.some((x) => x.variable === key)) found[key] = i.message;
        else rest.push(i.message);
      }
      setErrors(found);
      setAlert(rest.length ? rest.join('; ') : Object.keys(found).length ? '' : e.message);
    } else setAlert((e as Error).message);
  };

  /** Preview: the exact compose file, then (once the stack is named and a host chosen) the plan of its launch there */
  const runPreview = async () => {
    setAlert('');
    if (!check(false)) return;
    setBusy('preview');
    try {
      const sent = toSend(questions, answers);
      const r = await call('POST /api/v1/catalog/{template}/render', { template: t.id }, { version, answers: sent, host: host || undefined });
      setPreview(r.compose);
      setPlan(null);
      if (host && schemas?.stackName.safeParse(stack).success) {
        const p = await call('POST /api/v1/hosts/{id}/catalog/{template}/plan', { id: host, template: t.id }, { stack, version, answers: sent });
        setPlan(p.plan);
      }
    } catch (e) {
      showError(e);
    } finally {
      setBusy('');
    }
  };

  const deploy = async () => {
    setAlert('');
    if (!check(true)) return;
    setBusy('deploy');
    try {
      const r = await call(
        'POST /api/v1/hosts/{id}/catalog/{template}/deploy',
        { id: host, template: t.id },
        { stack, version, answers: toSend(questions, answers) },
      );
      // the stack page follows this operation (it reads ?op= and finds it here)
      client.setQueryData(qk.stackOperation(r.stack.hostId, r.stack.name, r.operation.id), r.operation);
      void client.invalidateQueries({ queryKey: qk.stacks(r.stack.hostId) });
      router.push(`${stacksApi.stackHref(r.stack.hostId, r.stack.name)}?op=${encodeURIComponent(r.operation.id)}`);
    } catch (e) {
      showError(e);
      setBusy('');
    }
  };

  const groups = new Map<string, Question[]>();
  for (const x of questions) groups.set(x.group ?? 'Settings', [...(groups.get(x.group ?? 'Settings') ?? []), x]);

  return (
    <div className="flex flex-col gap-4 p-4 md:p-6">
      <TemplateHeader t={t} />

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-label="Launch" className="flex flex-col gap-3" data-testid="catalog-launch">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id="catalog-version" label="Version">
              <select
                id="catalog-version"
                className={selectClass}
                value={version}
                onChange={(e) => {
                  setVersion(e.target.value);
                }}
              >
                {t.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                    {v.version === t.defaultVersion ? ' (default)' : ''}
                  </option>
                ))}
              </select>
            </Field>
            <HostSelectField
              hosts={scope.all}
              value={host}
              onChange={(h) => {
                setHostId(h);
                setPlan(null);
              }}
              hint={false}
            />
            <Field
              id="catalog-stack"
              label="Stack name"
              error={errors.stack}
              hint="Lowercase letters, digits, _ and -: it prefixes container, network and volume names."
              className="sm:col-span-2"
            >
              <input
                id="catalog-stack"
                className={inputClass}
                value={stack}
                onChange={(e) => {
                  setStack(e.target.value.trim());
                  setPlan(null);
                  if (errors.stack) setErrors(({ stack: _drop, ...rest }) => rest);
                }}
                {...describedBy('catalog-stack', errors.stack)}
              />
            </Field>
          </div>
          {[...groups].map(([group, list]) => (
            <fieldset key={group} className="flex flex-col gap-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
              <legend className="px-1 text-xs font-semibold text-zinc-600 dark:text-zinc-400">{group}</legend>
              {list.map((x) => (
                <QuestionField
                  key={x.variable}
                  q={x}
                  value={answers[x.variable]}
                  error={errors[x.variable]}
                  onChange={(v) => set(x.variable, v)}
                  services={serviceOptions}
                />
              ))}
            </fieldset>
          ))}
          {alert ? (
            <Alert tone="error" role="alert">
              {alert}
            </Alert>
          ) : null}
          <div className="flex gap-2">
            <Button onClick={runPreview} pending={busy === 'preview'} disabled={Boolean(busy)}>
              Preview
            </Button>
            <Button variant="primary" onClick={deploy} pending={busy === 'deploy'} disabled={Boolean(busy) || !host}>
              Deploy
            </Button>
          </div>
          {preview !== null ? (
            <section aria-label="Preview" className="flex flex-col gap-1">
              <h2 className="text-xs font-medium text-zinc-700 dark:text-zinc-300">The compose file that will be deployed</h2>
              <pre
                data-testid="catalog-preview"
                className="max-h-[28rem] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-950"
              >
                {preview}
              </pre>
            </section>
          ) : null}
          {plan ? (
            <PlanView plan={plan} />
          ) : preview !== null && !(host && schemas?.stackName.safeParse(stack).success) ? (
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              Name the stack and choose a host, then Preview again to see the plan: what the launch creates there.
            </p>
          ) : null}
        </section>
        <section aria-label="README" className="min-w-0">
          {readme ? <Readme text={readme} /> : <p className="text-sm text-zinc-500">This template has no README.</p>}
        </section>
      </div>
    </div>
  );
}

export function TemplateLaunch({ id }: { id: string }) {
  return useHydrated() ? <TemplateLaunchInner id={id} /> : <ViewLoading what="the template" />;
}
