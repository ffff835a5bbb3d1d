import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { Alert } from './alert-types';
import { reduceFiringAlerts } from './alerts-live';
import { api } from './api-client';
import { qk } from './query-keys';
import type { ContainerSummary, HostView, LiveMessage } from './types';

export type LiveState = 'connecting' | 'live' | 'disconnected';

const LIVE_URL = '/api/v1/live';
const FLUSH_MS = 50;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

const keyOf = (hostId: string, id: string) => `${hostId}/${id}`;

/**
 * Applies a batch of live messages to the container list. Returns undefined (leave the cache alone) when there is no
 * list yet and the batch holds no snapshot: a partial list would look complete to the page and never be refetched.
 */
export function reduceContainers(old: ContainerSummary[] | undefined, msgs: LiveMessage[]): ContainerSummary[] | undefined {
  let map: Map<string, ContainerSummary> | null = old ? new Map(old.map((c) => [keyOf(c.hostId, c.id), c])) : null;
  let touched = false;
  for (const m of msgs) {
    if (m.type === 'snapshot') {
      map = new Map(m.containers.map((c) => [keyOf(c.hostId, c.id), c]));
      touched = true;
      continue;
    }
    if (!map) continue;
    switch (m.type) {
      case 'container':
        map.set(keyOf(m.hostId, m.container.id), m.container);
        touched = true;
        break;
      case 'container-removed':
        touched = map.delete(keyOf(m.hostId, m.id)) || touched;
        break;
      case 'host-containers':
      case 'host-removed':
        for (const [k, c] of map) if (c.hostId === m.hostId) map.delete(k);
        if (m.type === 'host-containers') for (const c of m.containers) map.set(keyOf(c.hostId, c.id), c);
        touched = true;
        break;
    }
  }
  if (!map || !touched) return old;
  return [...map.values()];
}

export function reduceHosts(old: HostView[] | undefined, msgs: LiveMessage[]): HostView[] | undefined {
  let list = old;
  for (const m of msgs) {
    if (m.type === 'snapshot') list = m.hosts;
    else if (!list) continue;
    else if (m.type === 'host') list = [...list.filter((h) => h.id !== m.host.id), m.host];
    else if (m.type === 'host-removed') list = list.filter((h) => h.id !== m.hostId);
  }
  if (list === old) return old;
  return list ? [...list].sort((a, b) => a.name.localeCompare(b.name)) : list;
}

/** Whether this tab shows a signed-in page (not sign-in or setup themselves, which must never send to sign-in). */
const onAppPage = () => typeof window !== 'undefined' && !/^\/(login|setup)(\/|$)/.test(window.location.pathname);
// A full load, not router.push: a lapsed session must drop every cached answer of the signed-in user.
// eslint-disable-next-line @next/next/no-location-assign-relative-destination
const toSignIn = () => onAppPage() && window.location.assign('/login');

/** One EventSource per tab, shared by every component, feeding the TanStack Query cache. */
class LiveStream {
  state: LiveState = 'connecting';
  /** bumped on every applied batch, so a slower REST answer can tell it is older than the cache */
  generation = 0;
  private client: QueryClient | null = null;
  private es: EventSource | null = null;
  private refs = 0;
  private queue: LiveMessage[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = RETRY_MIN_MS;
  private listeners = new Set<() => void>();

  attach(client: QueryClient): () => void {
    this.client = client;
    this.refs++;
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
    if (!this.es && !this.retryTimer) this.open();
    return () => {
      this.refs--;
      // A short grace period: React's development double-mount and page transitions should not reconnect.
      if (this.refs === 0) this.closeTimer = setTimeout(() => this.close(), 1000);
    };
  }

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  getState = () => this.state;

  private setState(s: LiveState) {
    if (s === this.state) return;
    this.state = s;
    for (const l of this.listeners) l();
  }

  private open() {
    this.retryTimer = null;
    const es = new EventSource(LIVE_URL);
    this.es = es;
    es.onmessage = (ev) => {
      let msg: LiveMessage;
      try {
        msg = JSON.parse(ev.data as string) as LiveMessage;
      } catch {
        return;
      }
      if (msg.type === 'snapshot') {
        this.retryMs = RETRY_MIN_MS;
        this.setState('live');
      }
      this.enqueue(msg);
    };
    // The server ends the stream this way when the session is revoked: back to sign-in rather than retrying.
    es.addEventListener('access-lost', () => {
      es.close();
      this.es = null;
      toSignIn();
    });
    // The browser's own retry has no backoff and gives up on HTTP errors; retry here instead, backing off.
    es.onerror = () => {
      es.close();
      if (this.es !== es) return;
      // EventSource hides the status: a stream refused because the session is gone would otherwise retry forever
      if (onAppPage()) {
        void fetch('/api/v1/auth/me', { cache: 'no-store' })
          .then((r) => r.status === 401 && toSignIn())
          .catch(() => {});
      }
      this.es = null;
      this.setState('disconnected');
      const delay = this.retryMs * (0.8 + Math.random() * 0.4);
      this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }

  private close() {
    this.es?.close();
    this.es = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.setState('connecting');
  }

  private enqueue(msg: LiveMessage) {
    this.queue.push(msg);
    // A lone change is applied at once; a burst (a compose up, a host resync) is batched into at most one cache
    // write and render every FLUSH_MS.
    if (!this.flushTimer) {
      const wait = Math.max(0, this.lastFlush + FLUSH_MS - Date.now());
      this.flushTimer = setTimeout(() => this.flush(), wait);
    }
  }

  private flush() {
    this.flushTimer = null;
    this.lastFlush = Date.now();
    const msgs = this.queue;
    this.queue = [];
    const client = this.client;
    if (!client || msgs.length === 0) return;
    this.generation++;
    client.setQueryData<ContainerSummary[]>(qk.containers, (old) => reduceContainers(old, msgs));
    client.setQueryData<HostView[]>(qk.hosts, (old) => reduceHosts(old, msgs));
    invalidateDetails(client, msgs);
    if (msgs.some((m) => m.type === 'alert')) {
      client.setQueryData<Alert[]>(qk.alertsFiring, (old) => reduceFiringAlerts(old, msgs));
      void client.invalidateQueries({ queryKey: qk.alertHistory });
    }
    // an image reference's update status changed (server/images/updates.ts): the badges of that host refetch
    for (const hostId of new Set(msgs.flatMap((m) => (m.type === 'image-update' ? [m.hostId] : []))))
      void client.invalidateQueries({ queryKey: qk.imageUpdates(hostId) });
    for (const hostId of new Set(msgs.flatMap((m) => (m.type === 'swarm-node' ? [m.hostId] : [])))) {
      void client.invalidateQueries({ queryKey: qk.swarmNodes(hostId) });
      void client.invalidateQueries({ queryKey: qk.swarm(hostId) });
    }
    // Service events (created, updated, removed) refetch the Services list and service pages of that host, and its
    // Swarm stacks (a stack is its services: one deployed or removed from the CLI shows at once); tasks have no
    // events, so those views poll while open.
    for (const hostId of new Set(msgs.flatMap((m) => (m.type === 'swarm-service' ? [m.hostId] : [])))) {
      void client.invalidateQueries({ queryKey: qk.swarmServices(hostId) });
      void client.invalidateQueries({ queryKey: qk.swarmServicePrefix(hostId) });
      void client.invalidateQueries({ queryKey: qk.swarmStacks(hostId) });
    }
  }
}

/** A detail page shows inspect data the list lacks; refetch it when the live stream says its container changed. */
function invalidateDetails(client: QueryClient, msgs: LiveMessage[]) {
  const changed: { hostId: string; id?: string; name?: string }[] = [];
  for (const m of msgs) {
    if (m.type === 'container') changed.push({ hostId: m.hostId, id: m.container.id, name: m.container.name });
    else if (m.type === 'container-removed') changed.push({ hostId: m.hostId, id: m.id });
    else if (m.type === 'host-containers' || m.type === 'host-removed') changed.push({ hostId: m.hostId });
  }
  if (!changed.length) return;
  void client.invalidateQueries({
    queryKey: qk.containerPrefix,
    predicate: (q) => {
      const [, hostId, cid] = q.queryKey as [string, string, string];
      return changed.some((c) => c.hostId === hostId && (!c.id || c.id.startsWith(cid) || c.name === cid));
    },
  });
}

export const live = new LiveStream();

/** Mount once, near the root: opens the shared stream for this tab. */
export function useLiveConnection(): void {
  const client = useQueryClient();
  useEffect(() => live.attach(client), [client]);
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(live.subscribe, live.getState, () => 'connecting');
}

/** Answers from the cache when the live stream already delivered something newer than this REST call. */
async function preferLive<T>(client: QueryClient, key: readonly unknown[], load: () => Promise<T>): Promise<T> {
  const gen = live.generation;
  const fresh = await load();
  if (live.generation !== gen) return client.getQueryData<T>(key) ?? fresh;
  return fresh;
}

export function useContainers() {
  const client = useQueryClient();
  return useQuery({
    queryKey: qk.containers,
    queryFn: () => preferLive(client, qk.containers, () => api.listContainers().then((r) => r.containers)),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useHosts() {
  const client = useQueryClient();
  return useQuery({
    queryKey: qk.hosts,
    queryFn: () => preferLive(client, qk.hosts, api.listHosts),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
