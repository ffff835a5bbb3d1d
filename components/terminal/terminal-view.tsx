'use client';

import '@xterm/xterm/css/xterm.css';
import type { Terminal } from '@xterm/xterm';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useDarkMode } from '@/components/shell/use-dark-mode';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { api } from '@/lib/api-client';
import { useHosts } from '@/lib/live';
import { qk } from '@/lib/query-keys';
import { ExecStatusBar } from './exec-status';
import { useExecSocket } from './use-exec-socket';

interface Props {
  hostId: string;
  containerId: string;
}

const SHELLS = ['sh', 'bash'];

/** xterm.js is fetched when the terminal opens, not with the page's first load. */
const loadXterm = () => Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]).then(([x, f]) => ({ Terminal: x.Terminal, FitAddon: f.FitAddon }));

/** The terminal's colours follow the app's theme (zinc, as the rest of the page). */
export const terminalTheme = (dark: boolean) =>
  dark
    ? { background: '#18181b', foreground: '#f4f4f5', cursor: '#f4f4f5', selectionBackground: '#3f3f46' }
    : { background: '#ffffff', foreground: '#18181b', cursor: '#18181b', selectionBackground: '#d4d4d8' };

/**
 * The exec terminal page: a real terminal (xterm.js) sized to the window, started with the default shell as soon as
 * the page opens (opening the page is the request for a shell); the form reconnects with another shell or user.
 */
export function TerminalView({ hostId, containerId }: Props) {
  // the same query as the container page, so coming from there the name is already known
  const detail = useQuery({ queryKey: qk.container(hostId, containerId), queryFn: () => api.getContainer(hostId, containerId), retry: false });
  const { data: hosts } = useHosts();
  const hostName = hosts?.find((h) => h.id === hostId)?.name;
  const [cmd, setCmd] = useState('sh');
  const [user, setUser] = useState('');
  const [url, setUrl] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const [term, setTerm] = useState<Terminal | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || !url) return;
    let gone = false;
    const made: { t?: Terminal; observer?: ResizeObserver } = {};
    void loadXterm().then(({ Terminal: Xterm, FitAddon }) => {
      if (gone) return;
      const t = new Xterm({
        cursorBlink: true,
        fontSize: 13,
        convertEol: false,
        scrollback: 5000,
        theme: terminalTheme(document.documentElement.classList.contains('dark')),
      });
      const fit = new FitAddon();
      t.loadAddon(fit);
      t.open(el);
      fit.fit();
      made.observer = new ResizeObserver(() => fit.fit());
      made.observer.observe(el);
      made.t = t;
      setTerm(t);
    });
    return () => {
      gone = true;
      made.observer?.disconnect();
      made.t?.dispose();
      setTerm(null);
    };
  }, [url]);

  const dark = useDarkMode();
  useEffect(() => {
    // xterm restyles an open terminal when its options are assigned; the terminal object is not React state's value
    // eslint-disable-next-line react-hooks/immutability
    if (term) term.options.theme = terminalTheme(dark);
  }, [term, dark]);

  const { status } = useExecSocket(term, term ? url : null);

  const connect = () => {
    const q = new URLSearchParams({ cmd, cols: '80', rows: '24' });
    if (user.trim()) q.set('user', user.trim());
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    setUrl(`${proto}://${location.host}/api/v1/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(containerId)}/exec?${q}&t=${Date.now()}`);
  };
  // connect once on open with the defaults; location is only known in the browser, hence an effect
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    connect();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on open; later connects are the form's
  }, []);
  const name = detail.data?.name ?? containerId.slice(0, 12);

  return (
    <div className="flex h-full flex-col gap-3 p-4 md:p-6" data-testid="terminal-view">
      <Link href={`/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(containerId)}`} className="text-sm text-zinc-500 hover:underline">
        ‹ Back to the container
      </Link>
      <PageHeader title={`Terminal: ${name}`} description={`${hostName ? `On ${hostName} · ` : ''}container ${containerId.slice(0, 12)}`} />
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          connect();
        }}
      >
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          Shell or command
          <input
            list="berth-shells"
            value={cmd}
            onChange={(e) => setCmd(e.target.value)}
            className="w-56 rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          />
          <datalist id="berth-shells">
            {SHELLS.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="flex flex-col gap-1 text-xs text-zinc-500">
          User
          <input
            value={user}
            onChange={(e) => setUser(e.target.value)}
            placeholder="image default"
            className="w-40 rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          />
        </label>
        <Button type="submit" variant="primary" size="sm">
          {url ? 'Reconnect' : 'Connect'}
        </Button>
        {term ? (
          // Ctrl+C belongs to the program in the terminal, so copying a selection gets its own button.
          <Button type="button" size="sm" onClick={() => void navigator.clipboard?.writeText(term.getSelection())}>
            Copy selection
          </Button>
        ) : null}
      </form>
      {url ? <ExecStatusBar status={status} /> : null}
      <div
        ref={box}
        data-testid="terminal"
        className="min-h-80 flex-1 overflow-hidden rounded-lg border border-zinc-300 bg-white p-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
    </div>
  );
}
