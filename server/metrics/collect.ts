import { ALERT_KINDS } from '@/lib/schemas/alerts';
import { CONTAINER_STATES } from '@/lib/schemas/containers';
import type { Berth } from '../berth';
import { alertEngine } from '../alerts/engine';
import type { Family, Sample } from './render';

/**
 * The families /metrics answers with, read from memory at scrape time (no Engine call, so a scrape costs the hosts
 * nothing and answers even when a host is down). Hosts are labelled by name and id: names are what dashboards show,
 * ids what stays when a host is renamed.
 */
export function collectMetrics(b: Berth): Family[] {
  const hosts = b.fleet.hosts();
  const hostLabels = (id: string, name: string) => ({ host: name, host_id: id });

  const containers: Sample[] = [];
  for (const h of hosts) {
    const rt = b.fleet.runtime(h.id);
    const counts = new Map<string, number>(CONTAINER_STATES.map((s) => [s, 0]));
    for (const c of rt.containers.values()) counts.set(c.state, (counts.get(c.state) ?? 0) + 1);
    // a host not synced (offline, or still reading its list) has no known counts: it is left out, not shown as zero
    if (rt.synced) for (const [state, n] of counts) containers.push({ labels: { ...hostLabels(h.id, h.name), state }, value: n });
  }

  // every kind is written, 0 included, so a dashboard's series exist before the first alert
  const alerts = new Map<string, number>(ALERT_KINDS.flatMap((k) => [`${k} false`, `${k} true`].map((key) => [key, 0] as const)));
  for (const a of alertEngine(b).current()) {
    if (a.state !== 'firing') continue;
    const key = `${a.kind} ${a.silenced}`;
    alerts.set(key, (alerts.get(key) ?? 0) + 1);
  }

  return [
    {
      name: 'berth_host_up',
      help: 'Whether the host answered its last heartbeat (1) or not (0).',
      type: 'gauge',
      samples: hosts.map((h) => ({ labels: hostLabels(h.id, h.name), value: h.status === 'online' ? 1 : 0 })),
    },
    { name: 'berth_containers', help: 'Containers on a host by state (hosts whose list is known).', type: 'gauge', samples: containers },
    {
      name: 'berth_alerts_open',
      help: 'Firing alerts by kind, silenced (in a maintenance window) or not.',
      type: 'gauge',
      samples: [...alerts].map(([key, value]) => {
        const [kind, silenced] = key.split(' ');
        return { labels: { kind, silenced }, value };
      }),
    },
    {
      name: 'berth_stack_operations_total',
      help: 'Stack operations (deploy, scale, rollback, upgrade…) ended since Berth started, by kind and outcome.',
      type: 'counter',
      samples: [...b.metrics.operations].map(([key, value]) => {
        const [kind, outcome] = key.split(' ');
        return { labels: { kind, outcome }, value };
      }),
    },
    { name: 'berth_sse_clients', help: 'Open browser live streams (server-sent events).', type: 'gauge', samples: [{ value: b.fleet.hub.size }] },
    {
      name: 'berth_event_lag_seconds',
      help: "Seconds between the latest Engine event's own time and its handling by Berth's host runtime.",
      type: 'gauge',
      samples: hosts.filter((h) => b.metrics.eventLag.has(h.id)).map((h) => ({ labels: hostLabels(h.id, h.name), value: b.metrics.eventLag.get(h.id)! })),
    },
    {
      name: 'berth_image_updates_available',
      help: 'Image references on a host whose running containers are behind their registry (last check).',
      type: 'gauge',
      samples: hosts.map((h) => ({ labels: hostLabels(h.id, h.name), value: b.imageUpdates.availableOn(h.id) })),
    },
  ];
}
