import { reply } from '@/lib/api-contract';
import { ImageRef, ImageRemoveQuerySchema } from '@/lib/schemas/images';
import { parse, queryOf, route } from '@/server/http/handler';
import { deleteImage, getImage } from '@/server/images/service';

export const dynamic = 'force-dynamic';
type P = { id: string; iid: string };

export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/images/{iid}', { image: await getImage(berth, params.id, parse(ImageRef, params.iid)) }),
);

export const DELETE = route<P>('operate', async ({ req, params, berth }) =>
  reply(
    'DELETE /api/v1/hosts/{id}/images/{iid}',
    await deleteImage(berth, params.id, parse(ImageRef, params.iid), parse(ImageRemoveQuerySchema, queryOf(req))),
  ),
);
