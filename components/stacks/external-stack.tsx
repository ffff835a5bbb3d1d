'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import type { StackDetail } from '@/lib/compose-types';
import { qk } from '@/lib/query-keys';
import { stacksApi } from './api';
import { ServicesPanel } from './services-panel';
import { WhyStack } from '@/components/diagnosis/why';
import { StackCrumbs } from './stack-crumbs';
import { StackStateBadge } from './state-badge';

/**
 * A compose project started outside Berth (the compose CLI): Berth has no file for it, so editing, deploying,
 * scaling and stack actions cannot work yet. It is shown read-only, with its containers, until it is adopted.
 */
export function ExternalStack({ stack: s }: { stack: StackDetail }) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const adopt = async () => {
    setBusy(true);
    setError('');
    try {
      await stacksApi.adopt(s.hostId, s.name);
      // the page becomes the full stack page once the detail says source "berth"
      await Promise.all([client.invalidateQueries({ queryKey: qk.stack(s.hostId, s.name) }), client.invalidateQueries({ queryKey: qk.stacks(s.hostId) })]);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col gap-3 p-4 md:p-6">
      <StackCrumbs hostId={s.hostId} />
      <PageHeader
        title={
          <span className="flex items-center gap-2">
            {s.name} <StackStateBadge state={s.state} />
          </span>
        }
        description={`External (compose CLI) · ${s.running}/${s.total} running`}
        actions={
          <Button variant="primary" size="sm" onClick={() => void adopt()} pending={busy}>
            Adopt
          </Button>
        }
      />
      <Alert tone="info" role="status">
        Read-only: this stack was started outside Berth. Adopt it to edit its file, deploy, scale and act on it from here; its containers keep running as they
        are.
      </Alert>
      {error ? (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      ) : null}
      <WhyStack hostId={s.hostId} name={s.name} stack={s} />
      <ServicesPanel hostId={s.hostId} services={s.serviceStates} busy={busy} />
    </div>
  );
}
