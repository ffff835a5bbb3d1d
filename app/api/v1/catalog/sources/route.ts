import { reply } from '@/lib/api-contract';
import { CatalogSourceCreateSchema } from '@/lib/schemas/catalog-sources';
import { addSource, listSources } from '@/server/catalog/sources/service';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** The catalog sources an admin added, with how each last refresh went (admins only: URLs and problems). */
export const GET = route('admin', async ({ berth }) => reply('GET /api/v1/catalog/sources', { sources: await listSources(berth) }));

/**
 * Adds a source (a git repository in Berth's format, or a catalog file in an imported format by URL or upload): it is
 * read first, and a source that cannot be read is refused with the cause and leaves nothing saved.
 */
export const POST = route('admin', async ({ req, berth }) => {
  const source = await addSource(berth, parse(CatalogSourceCreateSchema, await readJson(req)));
  return Response.json(reply('POST /api/v1/catalog/sources', { source }), { status: 201 });
});
