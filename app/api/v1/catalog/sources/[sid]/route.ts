import { reply } from '@/lib/api-contract';
import { sourceId } from '@/lib/schemas/catalog-sources';
import { removeSource } from '@/server/catalog/sources/service';
import { parse, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { sid: string };

/** Removes a source and its templates from the catalog; stacks launched from them keep running as they are. */
export const DELETE = route<P>('admin', async ({ params, berth }) => {
  const id = parse(sourceId, params.sid);
  await removeSource(berth, id);
  return reply('DELETE /api/v1/catalog/sources/{sid}', { ok: true, message: `Catalog source ${id} removed` });
});
