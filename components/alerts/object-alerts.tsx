'use client';

import { Alert } from '@/components/ui/alert';
import { useFiringAlerts } from './alerts-api';

/**
 * "Alert: …" on the page of what an alert is about: a container (by id, id prefix or name, as its URL may use any),
 * a stack (its own alerts and those of its containers) or a host.
 */
export function ObjectAlerts({ hostId, container, stack, host }: { hostId: string; container?: string; stack?: string; host?: boolean }) {
  const q = useFiringAlerts();
  const mine = (q.data ?? []).filter((a) => {
    if (a.hostId !== hostId) return false;
    if (container) return a.subject.type === 'container' && (a.subject.id.startsWith(container) || a.subject.name === container);
    if (stack) return a.stack === stack || (a.subject.type === 'stack' && a.subject.id === stack);
    return host === true && a.subject.type === 'host';
  });
  if (!mine.length) return null;
  return (
    <div className="flex flex-col gap-2 px-4 pt-4 md:px-6" data-testid="object-alerts">
      {mine.map((a) => (
        <Alert key={a.id} tone={a.severity === 'critical' ? 'error' : a.severity === 'warning' ? 'warning' : 'info'} testId="object-alert">
          <span className="font-medium">Alert{a.silenced ? ' (silenced: maintenance)' : ''}:</span> {a.summary}
          <span className="text-xs opacity-75">
            {' '}
            · {a.ruleName}
            {a.count > 1 ? ` · seen ${a.count} times` : ''} · since {new Date(a.firstAt).toLocaleString()}
          </span>
        </Alert>
      ))}
    </div>
  );
}
