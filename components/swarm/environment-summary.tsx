'use client';

import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { KeyValues, Mono } from '@/components/ui/kv';
import { formatDateTime } from '@/lib/format';
import type { SwarmEnvironment } from '@/lib/swarm-types';

type Manager = Extract<SwarmEnvironment, { state: 'manager' }>;

/** The cluster at a glance: managers and quorum (with its warnings), workers, leader, and the IPVS notice. */
export function EnvironmentSummary({ env }: { env: Manager }) {
  const q = env.quorum;
  return (
    <div className="flex flex-col gap-3" data-testid="swarm-environment">
      {q.warnings.map((w) => (
        <Alert key={w.kind} tone={w.kind === 'even' ? 'warning' : 'error'} testId="quorum-warning">
          {w.message}
        </Alert>
      ))}
      {env.ipvs.present === false ? (
        <Alert tone="warning" testId="ipvs-notice">
          {env.ipvs.message}
        </Alert>
      ) : env.ipvs.present === null ? (
        <Alert tone="info" testId="ipvs-notice">
          {env.ipvs.message}
        </Alert>
      ) : null}
      <Card title="Cluster">
        <KeyValues
          items={[
            ['Swarm ID', <Mono key="id">{env.id}</Mono>],
            ['Created', formatDateTime(env.createdAt)],
            [
              'Managers',
              <span key="m" data-testid="swarm-managers">
                {q.managers} ({q.reachable} reachable) · quorum needs {q.needed} · tolerates the loss of {q.tolerates}{' '}
                {q.warnings.length ? null : (
                  <Badge tone="green" className="ml-1">
                    quorum healthy
                  </Badge>
                )}
              </span>,
            ],
            [
              'Workers',
              <span key="w" data-testid="swarm-workers">
                {env.workers}
              </span>,
            ],
            ['Leader', env.leader ? `${env.leader.hostname} (${env.leader.addr})` : 'none: the swarm has no leader'],
            ['This host', <Mono key="self">{env.nodeAddr}</Mono>],
            [
              'Routing mesh',
              env.ipvs.present === true ? 'IPVS present: ingress ports and VIPs work' : env.ipvs.present === false ? 'no IPVS on this kernel' : 'unknown',
            ],
          ]}
        />
      </Card>
    </div>
  );
}
