import { createHash } from 'node:crypto';
import type { CatalogTemplate } from '@/lib/catalog-types';
import { notFound } from '../errors';
import { fetchLimited } from './sources/fetch-url';
import type { SourceSettings } from './sources/settings';

/**
 * Logos leave Berth as URLs of its own. A logo the loader read from a template folder is held as a data: URL; in the
 * list those were 600 of its 847 KiB at 1,000 templates, and a data: URL's SVG is parsed on the browser's main thread
 * as its card is put in the page (P8). An imported catalog's logo is an http(s) URL on another server, which the
 * page's CSP (img-src 'self') does not let the browser load: Berth fetches it (https only unless insecure sources are
 * allowed, size- and time-limited, images only) and serves it from memory. Either way the URL carries a digest of the
 * logo or its address, so the browser keeps it for good.
 */

const DATA = /^data:(image\/svg\+xml|image\/png);base64,([A-Za-z0-9+/=]+)$/;
const REMOTE = /^https?:\/\//;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml', 'image/x-icon', 'image/vnd.microsoft.icon']);
/** the most an imported logo may weigh, and the most all of them may hold in memory */
const REMOTE_MAX = 256 * 1024;
const CACHE_MAX = 16 * 1024 * 1024;
/** a logo that could not be fetched is not asked for again before this */
const RETRY_MS = 10 * 60_000;

export interface LogoFile {
  type: string;
  body: Buffer;
}

const digests = new WeakMap<CatalogTemplate, string>();

/** The logo as the API gives it: Berth's own URL for a logo it holds or fetches, nothing for anything else. */
export function publicLogo(t: CatalogTemplate): string | undefined {
  if (!t.logo || !(DATA.test(t.logo) || REMOTE.test(t.logo))) return undefined;
  let v = digests.get(t);
  if (!v) digests.set(t, (v = createHash('sha256').update(t.logo).digest('hex').slice(0, 16)));
  return `/api/v1/catalog/${encodeURIComponent(t.id)}/logo?v=${v}`;
}

/** Fetched logos by address (oldest first, for eviction), and failures by address with when to try again. */
const fetched = new Map<string, LogoFile>();
const failed = new Map<string, { until: number; why: string }>();
let held = 0;

function keep(url: string, f: LogoFile): void {
  fetched.set(url, f);
  held += f.body.length;
  for (const [k, old] of fetched) {
    if (held <= CACHE_MAX) break;
    fetched.delete(k);
    held -= old.body.length;
  }
}

async function remoteLogo(t: CatalogTemplate, url: string, settings: Pick<SourceSettings, 'allowInsecure' | 'timeoutMs'>): Promise<LogoFile> {
  const hit = fetched.get(url);
  if (hit) return hit;
  const miss = failed.get(url);
  if (miss && miss.until > Date.now()) throw notFound(miss.why);
  try {
    if (url.startsWith('http:') && !settings.allowInsecure) throw new Error('it is plain http, and BERTH_CATALOG_ALLOW_INSECURE_SOURCES is not set');
    const r = await fetchLimited(new URL(url), { allowInsecure: settings.allowInsecure, maxBytes: REMOTE_MAX, timeoutMs: Math.min(settings.timeoutMs, 15_000) }, 'image/*');
    if (!IMAGE_TYPES.has(r.type)) throw new Error(`it answered ${r.type || 'no content type'}, not an image`);
    const f = { type: r.type === 'image/vnd.microsoft.icon' ? 'image/x-icon' : r.type, body: r.body };
    keep(url, f);
    return f;
  } catch (e) {
    const why = `The logo of template ${t.id} at ${url} could not be fetched: ${(e as Error).message}`;
    failed.set(url, { until: Date.now() + RETRY_MS, why });
    throw notFound(why);
  }
}

/** The logo's bytes and type, for GET /api/v1/catalog/{template}/logo. */
export async function logoFile(t: CatalogTemplate, settings: Pick<SourceSettings, 'allowInsecure' | 'timeoutMs'>): Promise<LogoFile> {
  const m = t.logo ? DATA.exec(t.logo) : null;
  if (m) return { type: m[1], body: Buffer.from(m[2], 'base64') };
  if (t.logo && REMOTE.test(t.logo)) return remoteLogo(t, t.logo, settings);
  throw notFound(`Template ${t.id} has no logo`);
}
