import { benchAuth } from './env';
import http from 'node:http';

export interface Transition {
  state: string;
  at: number;
}

export interface StateWatch {
  transitions: Transition[];
  current(): string | null;
  close(): void;
}

interface Msg {
  type: string;
  hostId?: string;
  id?: string;
  container?: { id: string; state: string };
  containers?: { id: string; state: string }[];
}

/**
 * A second, browser-free observer of Berth: an SSE client on /api/v1/live that records every change of one
 * container's state. Comparing it with the page separates server latency from the browser's own (batching, render).
 */
export function watchSse(berthUrl: string, containerId: string, now: () => number): Promise<StateWatch> {
  return new Promise((resolve, reject) => {
    const transitions: Transition[] = [];
    let state: string | null = null;
    let resolved = false;
    const see = (s: string | null) => {
      if (s === null || s === state) return;
      state = s;
      transitions.push({ state: s, at: now() });
    };
    const req = http.get(`${berthUrl}/api/v1/live`, { agent: false, headers: benchAuth }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`/api/v1/live → ${res.statusCode}`));
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (!data) continue;
          const m = JSON.parse(data) as Msg;
          if (m.type === 'snapshot' || m.type === 'host-containers') see(m.containers?.find((c) => c.id === containerId)?.state ?? null);
          else if (m.type === 'container' && m.container?.id === containerId) see(m.container.state);
          if (m.type === 'snapshot' && !resolved) {
            resolved = true;
            resolve({ transitions, current: () => state, close: () => req.destroy() });
          }
        }
      });
      res.on('error', () => {});
    });
    req.on('error', (e) => {
      if (!resolved) reject(e);
    });
  });
}
