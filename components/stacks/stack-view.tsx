'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Check, ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ViewLoading } from '@/components/ui/view-loading';
import type { OperationView, StackPlan } from '@/lib/compose-types';
import { qk } from '@/lib/query-keys';
import { NEVER_DEPLOYED_WHY, stackLifecycle } from '@/lib/stack-status';
import { stacksApi } from './api';
import { WhyStack } from '@/components/diagnosis/why';
import { CatalogCard } from './catalog-card';
import { ComposeEditorForm } from './compose-editor-form';
import { ExternalStack } from './external-stack';
import { FolderPanel } from './folder-panel';
import { HealthPanel } from './health-panel';
import { HistoryPanel } from './history-panel';
import { OperationProgress } from './operation-progress';
import { OperationsList } from './operations-list';
import { PlanView } from './plan-view';
import { ServicesPanel } from './services-panel';
import { StackCrumbs } from './stack-crumbs';
import { StackStateBadge } from './state-badge';
import { UpgradePanel } from './upgrade-panel';
import { useDraft } from './use-draft';
import { useOperation } from './use-operation';

type Action = 'stop' | 'start' | 'restart';

/**
 * One stack: edit the file and .env, plan, deploy with live progress, scale, act on it, roll back, export. A stack
 * started outside Berth shows read-only until it is adopted.
 */
function StackViewInner({ hostId, name }: { hostId: string; name: string }) {
  const client = useQueryClient();
  const detail = useQuery({ queryKey: qk.stack(hostId, name), queryFn: () => stacksApi.get(hostId, name), refetchInterval: 5000 });
  const managed = detail.data?.source === 'berth';
  // an external stack has no stored .env to read
  const envQ = useQuery({ queryKey: qk.stackEnv(hostId, name), queryFn: () => stacksApi.env(hostId, name), staleTime: Infinity, enabled: managed });
  // the editors' drafts follow the stored file until edited (an external stack's empty file is never a draft)
  const composeDraft = useDraft(managed ? detail.data?.compose : undefined);
  const envDraft = useDraft(managed ? envQ.data : undefined);
  const compose = composeDraft.draft;
  const env = envDraft.draft;
  const setCompose = composeDraft.setDraft;
  const setEnv = envDraft.setDraft;
  const [plan, setPlan] = useState<StackPlan | null>(null);
  // a deploy started elsewhere (the catalog's launch) is followed when its operation is in the cache as ?op=
  const opId = useSearchParams().get('op');
  const [started, setStarted] = useState<OperationView | null>(() => {
    return opId ? (client.getQueryData<OperationView>(qk.stackOperation(hostId, name, opId)) ?? null) : null;
  });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState('');
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [downOpen, setDownOpen] = useState(false);
  const op = useOperation(hostId, name, started);

  if (detail.error)
    return (
      <p className="p-6 text-sm">
        {detail.error.message} ·{' '}
        <Link href="/stacks" className="text-accent hover:underline">
          All stacks
        </Link>
      </p>
    );
  const s = detail.data;
  if (s?.source === 'external') return <ExternalStack stack={s} />;
  if (!s || compose === null) return <ViewLoading what="the stack" />;
  const running = op?.status === 'running';

  const life = stackLifecycle(s);
  /** true when the request was accepted; a refusal shows only its error (not the card of an earlier operation) */
  const act = async (what: string, fn: () => Promise<unknown>): Promise<boolean> => {
    setError('');
    setBusy(what);
    try {
      await fn();
      return true;
    } catch (e) {
      setError((e as Error).message);
      if (!running) setStarted(null);
      return false;
    } finally {
      setBusy('');
    }
  };
  const follow = (o: OperationView) => {
    setStarted(o);
    setPlan(null);
  };
  const refresh = () => client.invalidateQueries({ queryKey: qk.stack(hostId, name) });

  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <StackCrumbs hostId={hostId} />
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {name} <StackStateBadge state={s.state} />
          </span>
        }
        description={life.description}
        actions={
          <>
            {(['start', 'stop', 'restart'] as Action[]).map((a) => (
              <Button
                key={a}
                size="sm"
                onClick={() => act(a, async () => follow(await stacksApi.action(hostId, name, a)))}
                pending={busy === a}
                disabled={running || life.neverDeployed}
                title={life.neverDeployed ? NEVER_DEPLOYED_WHY : undefined}
              >
                {a[0].toUpperCase() + a.slice(1)}
              </Button>
            ))}
            <Button
              size="sm"
              variant="danger"
              disabled={running || life.neverDeployed}
              title={life.neverDeployed ? NEVER_DEPLOYED_WHY : undefined}
              onClick={() => setDownOpen(true)}
            >
              Down
            </Button>
            <a href={stacksApi.exportUrl(hostId, name)} download>
              <Button size="sm">
                <Download aria-hidden /> Export
              </Button>
            </a>
          </>
        }
      />
      {composeDraft.stale || envDraft.stale ? (
        <Alert tone="warning" role="status">
          The stored {composeDraft.stale ? 'compose file' : '.env'} changed since you started editing (a rollback, an upgrade or another user). Deploy would
          deploy your draft.{' '}
          <button
            type="button"
            className="font-medium underline"
            onClick={() => {
              composeDraft.reload();
              envDraft.reload();
            }}
          >
            Load the stored one
          </button>
        </Alert>
      ) : null}
      <ComposeEditorForm
        label="Compose file"
        compose={compose}
        onComposeChange={setCompose}
        validate={(text) => stacksApi.validate(hostId, text, env ?? '', name).then((r) => r.issues)}
        envId="stack-env"
        env={env ?? ''}
        onEnvChange={setEnv}
        envHint="KEY=value lines for ${VAR} in the file and env_file: .env. Stored encrypted."
      />
      <div className="flex flex-wrap gap-2">
        <Button
          onClick={() =>
            act('save', async () => {
              await stacksApi.save(hostId, name, compose, env ?? '');
              await refresh();
            })
          }
          pending={busy === 'save'}
        >
          Save
        </Button>
        <Button onClick={() => act('plan', async () => setPlan(await stacksApi.plan(hostId, name, compose, env ?? '')))} pending={busy === 'plan'}>
          Plan
        </Button>
        <Button
          variant="primary"
          onClick={() => act('deploy', async () => follow(await stacksApi.deploy(hostId, name, compose, env ?? '')))}
          pending={busy === 'deploy'}
          disabled={running}
        >
          Deploy
        </Button>
      </div>
      {error ? (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      ) : null}
      <ConfirmDialog
        open={downOpen}
        onClose={() => setDownOpen(false)}
        title={`Take ${name} down?`}
        description="Removes every container and network of the stack. The stored file and its versions stay: deploy it again at any time."
        confirmLabel={removeVolumes ? 'Down and remove volumes' : 'Down'}
        run={async () => {
          // the dialog closes at once; the operation's progress shows on the page (stops can take a while)
          follow(await stacksApi.action(hostId, name, 'down', removeVolumes, false));
          return { message: `Taking ${name} down` };
        }}
        onDone={() => void refresh()}
      >
        <Check
          id="stack-down-volumes"
          label="Also remove its volumes"
          checked={removeVolumes}
          onChange={setRemoveVolumes}
          hint="Their data is deleted for good. External volumes are never removed."
        />
      </ConfirmDialog>
      {plan ? <PlanView plan={plan} /> : null}
      {op ? <OperationProgress op={op} /> : null}
      <WhyStack hostId={hostId} name={name} stack={s} />
      <div className="grid gap-3 lg:grid-cols-2">
        <CatalogCard hostId={hostId} name={name} deployedVersion={s.deployedVersion} busy={running} onStarted={follow} />
        <ServicesPanel
          hostId={hostId}
          services={s.serviceStates}
          busy={running}
          onScale={(svc, n) => act('scale', async () => follow(await stacksApi.scale(hostId, name, svc, n)))}
          onUpdate={follow}
        />
        <HistoryPanel
          hostId={hostId}
          name={name}
          busy={running}
          onRollback={(v) => act('rollback', async () => follow(await stacksApi.rollback(hostId, name, v)))}
        />
        <OperationsList operations={s.operations} />
        <UpgradePanel hostId={hostId} name={name} services={s.serviceStates} busy={running} onStarted={follow} />
        <HealthPanel hostId={hostId} name={name} />
        <FolderPanel hostId={hostId} name={name} />
      </div>
    </div>
  );
}

export function StackView(props: { hostId: string; name: string }) {
  return useHydrated() ? <StackViewInner {...props} /> : <ViewLoading what="the stack" />;
}
