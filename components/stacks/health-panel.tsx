'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { qk } from '@/lib/query-keys';
import type { BerthHealthSpec } from '@/lib/schemas/health';
import { capitalize } from '@/lib/words';
import { stacksApi } from './api';

const TONE = { healthy: 'green', unhealthy: 'red', initializing: 'blue' } as const;
const DEFAULTS: BerthHealthSpec = {
  type: 'http',
  port: 80,
  path: '/',
  interval: 2000,
  response_timeout: 2000,
  healthy_threshold: 2,
  unhealthy_threshold: 3,
  initializing_timeout: 60000,
  strategy: 'none',
};
const NUMS = ['port', 'interval', 'response_timeout', 'healthy_threshold', 'unhealthy_threshold', 'initializing_timeout'] as const;

/** External health per checked container, and each service's check (stored as x-berth-healthcheck in the file). */
export function HealthPanel({ hostId, name }: { hostId: string; name: string }) {
  const q = useQuery({ queryKey: qk.stackHealth(hostId, name), queryFn: () => stacksApi.health(hostId, name), refetchInterval: 2000 });
  const client = useQueryClient();
  const [service, setService] = useState('');
  const [draft, setDraft] = useState<BerthHealthSpec | null>(null);
  const [error, setError] = useState('');
  const settings = q.data?.settings ?? {};
  const svc = service || Object.keys(settings)[0] || '';
  const form = draft ?? settings[svc] ?? DEFAULTS;

  const save = async (check: BerthHealthSpec | null) => {
    setError('');
    try {
      await stacksApi.saveHealth(hostId, name, svc, check);
      setDraft(null);
      await client.invalidateQueries({ queryKey: qk.stackHealth(hostId, name) });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const set = (k: keyof BerthHealthSpec, v: string) => setDraft({ ...form, [k]: (NUMS as readonly string[]).includes(k) ? Number(v) : v });

  return (
    <Card title="Health checks">
      {q.data?.containers.length ? (
        <ul className="mb-2 flex flex-col gap-0.5 text-xs">
          {q.data.containers.map((h) => (
            <li key={h.containerId} data-testid="health-row" data-name={h.name} className="flex items-center gap-2">
              <span className="font-mono">{h.name}</span>
              <Badge tone={TONE[h.state]}>{capitalize(h.state)}</Badge>
              {h.lastError ? <span className="truncate text-zinc-500">{h.lastError}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>No container is checked from outside yet.</EmptyState>
      )}
      {q.data?.containers.length && q.data.probes ? (
        <p className="mb-2 text-xs text-zinc-500 dark:text-zinc-400" data-testid="health-probes">
          {q.data.probes.mode === 'agent'
            ? 'Probes run in the berth-health-agent container on this host, one exec per second for every due check.'
            : `Probes run in one short-lived helper container each (more work for the Docker daemon): ${q.data.probes.reason}.`}
        </p>
      ) : null}
      <div className="grid grid-cols-3 gap-1.5 text-xs">
        <label className="flex flex-col">
          Service
          <select
            className={inputClass}
            value={svc}
            onChange={(e) => {
              setService(e.target.value);
              setDraft(null);
            }}
          >
            {Object.keys(settings).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Type
          <select className={inputClass} value={form.type} onChange={(e) => set('type', e.target.value)}>
            <option value="http">HTTP</option>
            <option value="tcp">TCP</option>
          </select>
        </label>
        <label className="flex flex-col">
          Path
          <input className={inputClass} value={form.path} disabled={form.type === 'tcp'} onChange={(e) => set('path', e.target.value)} />
        </label>
        {NUMS.map((k) => (
          <label key={k} className="flex flex-col">
            {k.replace(/_/g, ' ')}
            <input type="number" className={inputClass} value={form[k]} onChange={(e) => set(k, e.target.value)} />
          </label>
        ))}
        <label className="flex flex-col">
          When unhealthy
          <select className={inputClass} value={form.strategy} onChange={(e) => set('strategy', e.target.value)}>
            <option value="none">do nothing</option>
            <option value="recreate">recreate</option>
          </select>
        </label>
      </div>
      <div className="mt-2 flex gap-2">
        <Button size="sm" onClick={() => save(form)} disabled={!svc}>
          Save check
        </Button>
        {settings[svc] ? (
          <Button size="sm" variant="danger" onClick={() => save(null)}>
            Remove check
          </Button>
        ) : null}
      </div>
      {error ? (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      ) : null}
    </Card>
  );
}
