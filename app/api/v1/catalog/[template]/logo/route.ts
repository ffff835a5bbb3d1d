import { templateId } from '@/lib/schemas/catalog';
import { logoFile } from '@/server/catalog/logo';
import { getTemplate } from '@/server/catalog/service';
import { sourceSettings } from '@/server/catalog/sources/settings';
import { parse, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { template: string };

/**
 * A template's logo (server/catalog/logo.ts): from its folder, or fetched from an imported catalog's address. Its URL in
 * the list carries a digest, so the browser may keep it for good. An SVG could hold script if opened on its own: the
 * CSP sandboxes it (an <img> runs none anyway).
 */
export const GET = route<P>('self', async ({ params, berth }) => {
  const t = await getTemplate(berth, parse(templateId, decodeURIComponent(params.template)));
  const { type, body } = await logoFile(berth, t, sourceSettings());
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': type,
      'cache-control': 'private, max-age=31536000, immutable',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'x-content-type-options': 'nosniff',
    },
  });
});
