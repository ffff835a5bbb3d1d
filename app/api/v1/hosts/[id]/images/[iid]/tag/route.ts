import { reply } from '@/lib/api-contract';
import { ImageRef, ImageTagSchema } from '@/lib/schemas/images';
import { parse, readJson, route } from '@/server/http/handler';
import { addImageTag } from '@/server/images/service';

export const dynamic = 'force-dynamic';
type P = { id: string; iid: string };

export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const iid = parse(ImageRef, params.iid);
  const { ref } = parse(ImageTagSchema, await readJson(req));
  return reply('POST /api/v1/hosts/{id}/images/{iid}/tag', await addImageTag(berth, params.id, iid, ref));
});
