import { reply } from '@/lib/api-contract';
import { ImageListQuerySchema } from '@/lib/schemas/images';
import { parse, queryOf, route } from '@/server/http/handler';
import { getImages } from '@/server/images/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = route<P>('read', async ({ req, params, berth }) =>
  reply('GET /api/v1/hosts/{id}/images', { images: await getImages(berth, params.id, parse(ImageListQuerySchema, queryOf(req))) }),
);
