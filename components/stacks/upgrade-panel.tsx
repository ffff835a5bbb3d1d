'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, inputClass } from '@/components/ui/field';
import type { OperationView, StackServiceState } from '@/lib/compose-types';
import { qk } from '@/lib/query-keys';
import { stacksApi } from './api';

/**
 * Rancher's two-phase upgrade from the stack page: start a rolling upgrade of one service to a new image, then, once
 * the new containers run, Finish (remove the stopped old ones) or Rollback (start the old ones again).
 */
export function UpgradePanel({
  hostId,
  name,
  services,
  busy,
  onStarted,
}: {
  hostId: string;
  name: string;
  services: StackServiceState[];
  busy: boolean;
  onStarted: (op: OperationView) => void;
}) {
  const client = useQueryClient();
  const pendingQ = useQuery({ queryKey: qk.stackUpgrade(hostId, name), queryFn: () => stacksApi.pendingUpgrade(hostId, name), refetchInterval: 3000 });
  const [service, setService] = useState('');
  const [image, setImage] = useState('');
  const [batchSize, setBatchSize] = useState('1');
  const [intervalMs, setIntervalMs] = useState('2000');
  const [startFirst, setStartFirst] = useState(false);
  const [error, setError] = useState('');
  const [sending, setSending] = useState('');
  const svc = service || services[0]?.name || '';

  const send = async (what: string, start: () => Promise<OperationView>) => {
    setError('');
    setSending(what);
    try {
      onStarted(await start());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSending('');
      void client.invalidateQueries({ queryKey: qk.stackUpgrade(hostId, name) });
    }
  };
  const p = pendingQ.data;

  return (
    <Card title="Upgrade">
      {p?.pending ? (
        <div data-testid="upgrade-pending" className="flex flex-col gap-2 text-sm">
          <p>
            {p.service} was upgraded. The old containers are kept stopped: <span className="font-mono text-xs">{p.old.map((o) => o.name).join(', ')}</span>
          </p>
          <div className="flex gap-2">
            <Button
              variant="primary"
              pending={sending === 'finish'}
              disabled={busy}
              onClick={() => send('finish', () => stacksApi.finishUpgrade(hostId, name))}
            >
              Finish Upgrade
            </Button>
            <Button
              variant="danger"
              pending={sending === 'rollback'}
              disabled={busy}
              onClick={() => send('rollback', () => stacksApi.rollbackUpgrade(hostId, name))}
            >
              Rollback
            </Button>
          </div>
        </div>
      ) : (
        <form
          className="grid grid-cols-2 gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void send('start', () =>
              stacksApi.startUpgrade(hostId, name, {
                service: svc,
                ...(image.trim() ? { image: image.trim() } : {}),
                batchSize: Number(batchSize),
                intervalMs: Number(intervalMs),
                startFirst,
              }),
            );
          }}
        >
          <Field id="upgrade-service" label="Service">
            <select id="upgrade-service" className={inputClass} value={svc} onChange={(e) => setService(e.target.value)}>
              {services.map((s) => (
                <option key={s.name}>{s.name}</option>
              ))}
            </select>
          </Field>
          <Field id="upgrade-image" label="New image" hint="Empty: the stored file's settings">
            <input
              id="upgrade-image"
              className={inputClass}
              value={image}
              onChange={(e) => setImage(e.target.value)}
              placeholder={services.find((s) => s.name === svc)?.image}
            />
          </Field>
          <Field id="upgrade-batch" label="Batch size">
            <input id="upgrade-batch" type="number" min={1} className={inputClass} value={batchSize} onChange={(e) => setBatchSize(e.target.value)} />
          </Field>
          <Field id="upgrade-interval" label="Interval between batches (ms)">
            <input id="upgrade-interval" type="number" min={0} className={inputClass} value={intervalMs} onChange={(e) => setIntervalMs(e.target.value)} />
          </Field>
          <label className="col-span-2 flex items-center gap-1 text-xs">
            <input type="checkbox" checked={startFirst} onChange={(e) => setStartFirst(e.target.checked)} /> Start the new container before stopping the old one
          </label>
          <div className="col-span-2">
            <Button type="submit" pending={sending === 'start'} disabled={busy || !svc}>
              Start upgrade
            </Button>
          </div>
        </form>
      )}
      {error ? (
        <Alert tone="error" role="alert">
          {error}
        </Alert>
      ) : null}
    </Card>
  );
}
