import { reply } from '@/lib/api-contract';
import type { Health } from '@/lib/types';
import { ContainerListQuerySchema } from '@/lib/schemas/containers';
import { canRead } from '@/server/auth/policy';
import { healthByContainer } from '@/server/health/checker';
import { parse, queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Every container on every host (or one), from the live cache. */
export const GET = route('read', async ({ req, berth, principal }) => {
  const list = berth.fleet.containers(parse(ContainerListQuerySchema, queryOf(req)));
  // Berth's external health check (x-berth-healthcheck) shows where the Engine has none of its own.
  const ext = healthByContainer(berth);
  const external = (id: string): Health => {
    const state = ext[id];
    return state === 'initializing' ? 'starting' : (state ?? null);
  };
  return reply('GET /api/v1/containers', {
    ...list,
    containers: list.containers.filter((c) => canRead(principal, c.hostId)).map((c) => (c.health ? c : { ...c, health: external(c.id) })),
    unavailable: list.unavailable.filter((u) => canRead(principal, u.hostId)),
  });
});
