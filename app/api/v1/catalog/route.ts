import { reply } from '@/lib/api-contract';
import { CatalogListQuerySchema } from '@/lib/schemas/catalog';
import { listCatalog } from '@/server/catalog/service';
import { parse, queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/**
 * The catalog's templates (no compose files), filtered by `q` and `category`; any signed-in user may browse it.
 * Admins also get the templates that could not be loaded, by file and field.
 */
export const GET = route('self', async ({ req, berth, principal }) =>
  reply('GET /api/v1/catalog', await listCatalog(berth, principal, parse(CatalogListQuerySchema, queryOf(req)))),
);
