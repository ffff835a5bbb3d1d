'use client';

import { useEffect, useState } from 'react';
import { errorText, readSse } from '@/lib/stats-sse';
import type { StatsEndReason, StatsMessage, StatsSample } from '@/lib/stats-types';

export interface ContainerStatsState {
  status: 'connecting' | 'live' | 'ended' | 'error';
  samples: StatsSample[];
  /** why no live samples come (stopped, removed…) */
  reason: StatsEndReason | null;
  error: string | null;
}

const KEEP = 3700;
const RETRY_MS = 3000;

/** One container's figures: the server's kept history, then a sample a second; reconnects after a network error. */
export function useContainerStats(hostId: string, cid: string): ContainerStatsState {
  const [state, setState] = useState<ContainerStatsState>({ status: 'connecting', samples: [], reason: null, error: null });

  useEffect(() => {
    const ctl = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    let gone = false;
    const onMessage = (m: StatsMessage) => {
      if (m.type === 'end' || m.type === 'history') gone = m.reason === 'container removed' || m.reason === 'host removed';
      setState((s) => {
        switch (m.type) {
          case 'history':
            return { status: m.live ? 'live' : 'ended', samples: m.samples, reason: m.reason ?? null, error: null };
          case 'sample': {
            const samples = s.samples.length >= KEEP ? [...s.samples.slice(1), m.sample] : [...s.samples, m.sample];
            return { ...s, status: 'live', samples, reason: null };
          }
          case 'end':
            return { ...s, status: 'ended', reason: m.reason };
          case 'resumed':
            return { ...s, status: 'live', reason: null };
        }
      });
    };
    const connect = async () => {
      try {
        const res = await fetch(`/api/v1/hosts/${encodeURIComponent(hostId)}/containers/${encodeURIComponent(cid)}/stats`, {
          signal: ctl.signal,
          headers: { accept: 'text/event-stream' },
        });
        if (!res.ok) {
          const error = await errorText(res);
          setState((s) => ({ ...s, status: 'error', error }));
          return;
        }
        await readSse<StatsMessage>(res, onMessage);
        // The server ends the stream only when the container is gone; anything else is a dropped connection.
        if (!gone && !ctl.signal.aborted) retry = setTimeout(connect, RETRY_MS);
      } catch {
        if (ctl.signal.aborted) return;
        setState((s) => ({ ...s, status: 'error', error: 'The connection to Berth dropped; reconnecting…' }));
        retry = setTimeout(connect, RETRY_MS);
      }
    };
    void connect();
    return () => {
      ctl.abort();
      clearTimeout(retry);
    };
  }, [hostId, cid]);

  return state;
}
