'use client';

import type { Terminal } from '@xterm/xterm';
import { useEffect, useState } from 'react';
import type { ExecServerMessage } from '@/lib/schemas/exec';

export type ExecStatus =
  { kind: 'connecting' } | { kind: 'open' } | { kind: 'exited'; code: number | null } | { kind: 'error'; message: string } | { kind: 'blocked' };

/**
 * Connects a terminal to the exec WebSocket. A socket that closes without ever opening means the upgrade did not get
 * through (typically a reverse proxy that drops WebSocket upgrades): that is reported as "blocked" so the page can
 * say what to fix, distinct from an error the server explained.
 */
export function useExecSocket(term: Terminal | null, url: string | null): { status: ExecStatus; socket: WebSocket | null } {
  const [status, setStatus] = useState<ExecStatus>({ kind: 'connecting' });
  const [socket, setSocket] = useState<WebSocket | null>(null);

  useEffect(() => {
    if (!term || !url) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- each new socket starts as "connecting"; the socket is the external system
    setStatus({ kind: 'connecting' });
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    let opened = false;
    let explained = false;
    ws.onopen = () => {
      opened = true;
      setStatus({ kind: 'open' });
      term.focus();
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return void term.write(new Uint8Array(ev.data as ArrayBuffer));
      const msg = JSON.parse(ev.data) as ExecServerMessage;
      explained = true;
      setStatus(msg.type === 'exit' ? { kind: 'exited', code: msg.code } : { kind: 'error', message: msg.message });
    };
    ws.onclose = () => {
      if (!opened) setStatus({ kind: 'blocked' });
      else if (!explained) setStatus((s) => (s.kind === 'open' ? { kind: 'exited', code: null } : s));
    };
    const input = term.onData((data) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ type: 'input', data })));
    const resize = term.onResize(({ cols, rows }) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ type: 'resize', cols, rows })));
    setSocket(ws);
    return () => {
      input.dispose();
      resize.dispose();
      // a replaced socket's late close must not overwrite the status of the one that follows it (Reconnect)
      ws.onopen = ws.onmessage = ws.onclose = null;
      ws.close();
      setSocket(null);
    };
  }, [term, url]);

  return { status, socket };
}
