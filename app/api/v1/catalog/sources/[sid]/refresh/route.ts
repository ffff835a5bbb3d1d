import { reply } from '@/lib/api-contract';
import { sourceId } from '@/lib/schemas/catalog-sources';
import { refreshSource } from '@/server/catalog/sources/service';
import { parse, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { sid: string };

/** Reads a source again now; a failure answers with its cause, and the last good templates stay listed. */
export const POST = route<P>('admin', async ({ params, berth }) =>
  reply('POST /api/v1/catalog/sources/{sid}/refresh', { source: await refreshSource(berth, parse(sourceId, params.sid)) }),
);
