import { route } from '@/server/http/handler';
import { collectMetrics } from '@/server/metrics/collect';
import { CONTENT_TYPE, renderMetrics } from '@/server/metrics/render';

export const dynamic = 'force-dynamic';

/**
 * Prometheus's scrape target, at /metrics where Prometheus looks by default (outside /api, so the path needs no
 * configuration). It describes every host, so it needs the admin role on every host: give Prometheus an API token of
 * an admin (`authorization: { type: Bearer, credentials: berth_… }` in its scrape config). No token: 401.
 */
export const GET = route('admin', async ({ berth }) => new Response(renderMetrics(collectMetrics(berth)), { headers: { 'content-type': CONTENT_TYPE } }));
