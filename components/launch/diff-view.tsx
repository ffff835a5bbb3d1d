'use client';

import type { LaunchChange } from '@/lib/schemas/launch-diff';

/** What Edit & recreate will change, field by field (lines going out and coming in), then what it keeps. */
export function DiffView({ changes, kept }: { changes: LaunchChange[]; kept: string[] }) {
  return (
    <div className="flex flex-col gap-3">
      {changes.length ? (
        <Changes changes={changes} />
      ) : (
        <p className="text-sm text-zinc-500" data-testid="launch-diff-empty">
          Nothing changes: the container will be recreated with the same settings.
        </p>
      )}
      {kept.length ? (
        <div className="text-sm" data-testid="launch-diff-kept">
          <p className="text-xs font-medium text-zinc-600 dark:text-zinc-300">Kept from the existing container</p>
          <p className="mt-1 font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{kept.join(' · ')}</p>
        </div>
      ) : null}
    </div>
  );
}

function Changes({ changes }: { changes: LaunchChange[] }) {
  return (
    <dl className="flex flex-col gap-2 text-sm" data-testid="launch-diff">
      {changes.map((c) => {
        const gone = c.before.filter((l) => !c.after.includes(l));
        const added = c.after.filter((l) => !c.before.includes(l));
        return (
          <div key={c.field} className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800" data-field={c.field}>
            <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-300">{c.label}</dt>
            <dd className="mt-1 flex flex-col gap-0.5 font-mono text-xs break-all">
              {gone.map((l) => (
                <span key={`-${l}`} className="text-red-700 dark:text-red-400">
                  − {l}
                </span>
              ))}
              {added.map((l) => (
                <span key={`+${l}`} className="text-green-700 dark:text-green-400">
                  + {l}
                </span>
              ))}
              {!gone.length && !added.length ? <span className="text-zinc-500">order changes</span> : null}
              {gone.length && !added.length && !c.after.length ? <span className="text-zinc-500">(image default)</span> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
