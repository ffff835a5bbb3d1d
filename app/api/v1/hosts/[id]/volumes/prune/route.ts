import { VolumePruneSchema } from '@/lib/schemas/volumes';
import { parse, readJson, route } from '@/server/http/handler';
import { pruneUnusedVolumes } from '@/server/volumes/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const POST = route<P>('operate', async ({ req, params, berth }) =>
  pruneUnusedVolumes(berth, params.id, parse(VolumePruneSchema, await readJson(req))),
);
