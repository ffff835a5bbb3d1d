import { reply } from '@/lib/api-contract';
import { ImageUpdateCheckSchema } from '@/lib/schemas/image-updates';
import { parse, readJson, route } from '@/server/http/handler';
import { checkHost, imageUpdatesOf } from '@/server/images/updates';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** The last answers of the image update checks on this host (memory only; nothing is asked of a registry). */
export const GET = route<P>('read', async ({ params, berth }) => reply('GET /api/v1/hosts/{id}/images/updates', imageUpdatesOf(berth, params.id)));

/**
 * Check now: asks the registries about every image reference the host's running containers use (or only `images`).
 * It changes nothing, so it is not audited; operators may ask, since every check spends the registries' rate limits.
 */
export const POST = route<P>(
  'operate',
  async ({ req, params, berth }) => {
    const input = parse(ImageUpdateCheckSchema, await readJson(req));
    const running = checkHost(berth, params.id, input.images);
    if (input.wait) await running;
    else running.catch(() => undefined);
    return reply('POST /api/v1/hosts/{id}/images/updates', imageUpdatesOf(berth, params.id));
  },
  { audit: false },
);
