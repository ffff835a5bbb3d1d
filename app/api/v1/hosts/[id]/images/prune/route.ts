import { ImagePruneSchema } from '@/lib/schemas/images';
import { parse, readJson, route } from '@/server/http/handler';
import { pruneDanglingImages } from '@/server/images/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const POST = route<P>('operate', async ({ req, params, berth }) =>
  pruneDanglingImages(berth, params.id, parse(ImagePruneSchema, await readJson(req))),
);
