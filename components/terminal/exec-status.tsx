'use client';

import type { ExecStatus } from './use-exec-socket';

/** One line above the terminal saying what the connection is doing and, on failure, what to do about it. */
export function ExecStatusBar({ status }: { status: ExecStatus }) {
  switch (status.kind) {
    case 'connecting':
      return (
        <p className="text-sm text-zinc-500" data-testid="exec-status" data-state="connecting">
          Connecting…
        </p>
      );
    case 'open':
      return (
        <p className="text-sm text-emerald-600" data-testid="exec-status" data-state="open">
          Connected. Closing this page ends the process in the container.
        </p>
      );
    case 'exited':
      return (
        <p className="text-sm text-zinc-500" data-testid="exec-status" data-state="exited">
          The process ended{status.code == null ? '' : ` with exit code ${status.code}`}.
        </p>
      );
    case 'error':
      return (
        <p role="alert" className="text-sm text-red-600" data-testid="exec-status" data-state="error">
          {status.message}
        </p>
      );
    case 'blocked':
      return (
        <p role="alert" className="text-sm text-red-600" data-testid="exec-status" data-state="blocked">
          The terminal&apos;s WebSocket could not be opened. If Berth is behind a reverse proxy, let it pass WebSocket upgrades for /api/v1/…/exec (nginx:{' '}
          <code>proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection &quot;upgrade&quot;;</code>), then reconnect.
        </p>
      );
  }
}
