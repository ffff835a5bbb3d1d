import { ContainerListQuerySchema } from '@/lib/schemas/containers';
import { parse, queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Every container on every host (or one), from the live cache. */
export const GET = route('read', async ({ req, berth }) => berth.fleet.containers(parse(ContainerListQuerySchema, queryOf(req))));
