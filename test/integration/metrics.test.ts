import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as metricsRoute from '@/app/metrics/route';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { docker, freshBerth, harness, req, signUp, uniqueName, waitFor } from './support';

const h = harness();
let berth: Berth;
let host: string;
const name = uniqueName('metrics-c');

const scrape = (token?: string | null) => metricsRoute.GET(req('/metrics', { token }), { params: Promise.resolve({}) });

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'metrics-a', socketPath: h.DOCKER_A_SOCKET })).id;
  await waitFor('host A synced', () => berth.fleet.runtime(host).synced);
});

afterAll(async () => {
  await docker(h.DOCKER_A_SOCKET, 'rm', '-f', name).catch(() => undefined);
  await berth?.close();
});

describe('/metrics', () => {
  it('answers an admin token with the text format: hosts, containers, live streams, event lag, image updates', async () => {
    await docker(h.DOCKER_A_SOCKET, 'run', '-d', '--name', name, h.TEST_IMAGE, 'sleep', '60');
    await waitFor('the event handled', () => berth.metrics.eventLag.has(host), 10_000);
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('# TYPE berth_host_up gauge');
    expect(text).toContain(`berth_host_up{host="metrics-a",host_id="${host}"} 1`);
    expect(text).toMatch(new RegExp(`berth_containers\\{host="metrics-a",host_id="${host}",state="running"\\} [1-9]\\d*`));
    expect(text).toMatch(/^berth_sse_clients \d+$/m);
    expect(text).toMatch(new RegExp(`berth_event_lag_seconds\\{host="metrics-a",host_id="${host}"\\} \\d+(\\.\\d+)?(e-\\d+)?$`, 'm'));
    expect(text).toContain(`berth_image_updates_available{host="metrics-a",host_id="${host}"} 0`);
    expect(text).toContain('# TYPE berth_stack_operations_total counter');
    expect(text).toContain('# TYPE berth_alerts_open gauge');
    expect(text).toContain('berth_alerts_open{kind="container-died",silenced="false"} 0');
  });

  it('is refused without a token (401) and to a viewer (403)', async () => {
    const none = await scrape(null);
    expect(none.status).toBe(401);
    const viewer = await signUp(berth, 'metrics-viewer', 'viewer');
    expect((await scrape(viewer)).status).toBe(403);
  });
});
