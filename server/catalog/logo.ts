import { createHash } from 'node:crypto';
import type { CatalogTemplate } from '@/lib/catalog-types';
import { notFound } from '../errors';

/**
 * Logos leave Berth as URLs of their own, not as the data: URLs the loader reads them into. In the list they were
 * 600 of its 847 KiB at 1,000 templates, and a data: URL's SVG is parsed on the browser's main thread as its card is
 * put in the page, before the page can paint: every keystroke that brought new cards waited for their logos (P8).
 * Fetched by URL they load beside the page, are cached by the browser (the URL carries a digest of the logo, so it
 * never goes stale), and the cards paint first. Logos that are already http(s) URLs (imported catalogs) pass as they are.
 */

const DATA = /^data:(image\/svg\+xml|image\/png);base64,([A-Za-z0-9+/=]+)$/;

const digests = new WeakMap<CatalogTemplate, string>();

/** The logo as the API gives it: Berth's own URL for a logo Berth holds, the template's URL otherwise. */
export function publicLogo(t: CatalogTemplate): string | undefined {
  if (!t.logo || !DATA.test(t.logo)) return t.logo;
  let v = digests.get(t);
  if (!v) digests.set(t, (v = createHash('sha256').update(t.logo).digest('hex').slice(0, 16)));
  return `/api/v1/catalog/${encodeURIComponent(t.id)}/logo?v=${v}`;
}

/** The logo's bytes and type, for GET /api/v1/catalog/{template}/logo. */
export function logoFile(t: CatalogTemplate): { type: string; body: Buffer } {
  const m = t.logo ? DATA.exec(t.logo) : null;
  if (!m) throw notFound(`Template ${t.id} has no logo of its own in Berth${t.logo ? ` (its logo is at ${t.logo})` : ''}`);
  return { type: m[1], body: Buffer.from(m[2], 'base64') };
}
