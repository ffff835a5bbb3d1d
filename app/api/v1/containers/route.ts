import { ContainerListQuerySchema } from '@/lib/schemas/containers';
import { canRead } from '@/server/auth/policy';
import { parse, queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Every container on every host (or one), from the live cache. */
export const GET = route('read', async ({ req, berth, principal }) => {
  const list = berth.fleet.containers(parse(ContainerListQuerySchema, queryOf(req)));
  return {
    ...list,
    containers: list.containers.filter((c) => canRead(principal, c.hostId)),
    unavailable: list.unavailable.filter((u) => canRead(principal, u.hostId)),
  };
});
