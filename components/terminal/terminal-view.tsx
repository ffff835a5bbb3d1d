'use client';

import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useDarkMode } from '@/components/shell/use-dark-mode';
import { Button } from '@/components/ui/button';
import { ExecStatusBar } from './exec-status';
import { useExecSocket } from './use-exec-socket';

interface Props {
  hostId: string;
  containerId: string;
}

const SHELLS = ['sh', 'bash'];

/** The terminal's colours follow the app's theme (zinc, as the rest of the page). */
export const terminalTheme = (dark: boolean) =>
  dark
    ? { background: '#18181b', foreground: '#f4f4f5', cursor: '#f4f4f5', selectionBackground: '#3f3f46' }
    : { background: '#ffffff', foreground: '#18181b', cursor: '#18181b', selectionBackground: '#d4d4d8' };

/** The exec terminal page: pick a shell or command and a user, then a real terminal (xterm.js) sized to the window. */
export function TerminalView({ hostId, containerId }: Props) {
  const [cmd, setCmd] = useState('sh');
  const [user, setUser] = useState('');
  const [url, setUrl] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const [term, setTerm] = useState<Terminal | null>(null);

  useEffect(() => {
    if (!box.current || !url) return;
    const t = new Terminal({ cursorBlink: true, fontSize: 13, convertEol: false, scrollback: 5000, theme: terminalTheme(document.documentElement.classList.contains('dark')) });
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.open(box.current);
    fit.fit();
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(box.current);
    setTerm(t);
    return () => {
      observer.disconnect();
      t.dispose();
      setTerm(null);
    };
  }, [url]);

  const dark = useDarkMode();
  useEffect(() => {
    if (term) term.options.theme = terminalTheme(dark);
  }, [term, dark]);

  const { status } = useExecSocket(term, term ? url : null);

  const connect = () => {
    const q = new URLSearchParams({ cmd, cols: '80', rows: '24' });
    if (user.trim()) q.set('user', user.trim());
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    setUrl(`${proto}://${location.host}/api/v1/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(containerId)}/exec?${q}&t=${Date.now()}`);
  };

  return (
    <div className="flex h-full flex-col gap-3 p-4 md:p-6" data-testid="terminal-view">
      <Link href={`/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(containerId)}`} className="text-sm text-zinc-500 hover:underline">
        ‹ Back to the container
      </Link>
      <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); connect(); }}>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          Shell or command
          <input list="berth-shells" value={cmd} onChange={(e) => setCmd(e.target.value)} className="w-56 rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100" />
          <datalist id="berth-shells">{SHELLS.map((s) => <option key={s} value={s} />)}</datalist>
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          User
          <input value={user} onChange={(e) => setUser(e.target.value)} placeholder="image default" className="w-40 rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100" />
        </label>
        <Button type="submit" variant="primary" size="sm">{url ? 'Reconnect' : 'Connect'}</Button>
        {term ? (
          // Ctrl+C belongs to the program in the terminal, so copying a selection gets its own button.
          <Button type="button" size="sm" onClick={() => void navigator.clipboard?.writeText(term.getSelection())}>
            Copy selection
          </Button>
        ) : null}
      </form>
      {url ? <ExecStatusBar status={status} /> : null}
      <div ref={box} data-testid="terminal" className="min-h-80 flex-1 overflow-hidden rounded-lg border border-zinc-300 bg-white p-2 dark:border-zinc-700 dark:bg-zinc-900" />
    </div>
  );
}
