import { reply } from '@/lib/api-contract';
import { StackCatalogQuerySchema } from '@/lib/schemas/catalog-upgrade';
import { stackName } from '@/lib/schemas/stacks';
import { stackCatalog } from '@/server/catalog/upgrade';
import { parse, queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/**
 * The stack's catalog template: the version it runs, its answers (no passwords), the versions it may upgrade to and a
 * target's new questions. A stack not launched from the catalog is a 404 with details.reason "not-from-catalog" (the
 * stack page then shows no card).
 */
export const GET = route<P>('read', async ({ req, params, berth }) => {
  const { version } = parse(StackCatalogQuerySchema, queryOf(req));
  return reply('GET /api/v1/hosts/{id}/stacks/{name}/catalog', { catalog: await stackCatalog(berth, params.id, parse(stackName, params.name), version) });
});
