import { CircleCheck, X } from 'lucide-react';
import { formatBytes } from '@/lib/format';
import type { HostView } from '@/lib/types';

/** What the connection test found, shown once after adding: proof the settings reach the right machine. */
export function AddedHost({ host, onDismiss }: { host: HostView; onDismiss: () => void }) {
  const i = host.info;
  const facts: [string, string][] = i
    ? [
        ['Engine', `${i.engineVersion} (API ${i.apiVersion})`],
        ['OS', `${i.os} · ${i.arch}`],
        ['CPUs', String(i.cpus)],
        ['Memory', formatBytes(i.memTotal)],
        ['Containers', `${i.containersRunning} running / ${i.containers}`],
        ['Images', String(i.images)],
      ]
    : [];
  return (
    <div
      role="status"
      data-testid="host-added"
      className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-100"
    >
      <div className="flex items-start gap-2">
        <CircleCheck className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" aria-hidden />
        <div className="min-w-0 flex-1">
          <p className="font-medium">
            Connected to {host.name}
            {i ? ` (${i.name})` : ''} and saved it.
          </p>
          {facts.length ? (
            <dl className="mt-1.5 flex flex-wrap gap-x-5 gap-y-1">
              {facts.map(([k, v]) => (
                <div key={k} className="flex gap-1.5">
                  <dt className="text-emerald-700/80 dark:text-emerald-300/70">{k}</dt>
                  <dd className="font-medium">{v}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </div>
        <button type="button" aria-label="Dismiss" onClick={onDismiss} className="rounded p-0.5 opacity-60 hover:opacity-100">
          <X className="size-4" aria-hidden />
        </button>
      </div>
    </div>
  );
}
