import { createHash } from 'node:crypto';
import type { CatalogTemplate } from '@/lib/catalog-types';
import type { Berth } from '../berth';
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

/** the most failures kept: each is a short message, but addresses come from catalogs anyone with admin rights adds */
const FAILED_MAX = 1_000;

/**
 * One Berth's imported logos: fetched ones by address (oldest first, for eviction), failures by address with when to
 * try again, and fetches under way, so concurrent first requests for a logo share one download (removed when it
 * settles, whatever the outcome: the failure map then answers). Kept beside the Berth, keyed by it, as the other
 * caches are (server/swarm/ipvs.ts): two Berths in one process (the tests) never share logos, and the two module
 * copies (custom server and Next's bundle) each holding one costs at most a second download.
 */
interface LogoCache {
  fetched: Map<string, LogoFile>;
  held: number;
  failed: Map<string, { until: number; why: string }>;
  inflight: Map<string, Promise<LogoFile>>;
}

const caches = new WeakMap<Berth, LogoCache>();

function cacheOf(b: Berth): LogoCache {
  let c = caches.get(b);
  if (!c) caches.set(b, (c = { fetched: new Map(), held: 0, failed: new Map(), inflight: new Map() }));
  return c;
}

function keep(c: LogoCache, url: string, f: LogoFile): void {
  c.fetched.set(url, f);
  c.held += f.body.length;
  for (const [k, old] of c.fetched) {
    if (c.held <= CACHE_MAX) break;
    c.fetched.delete(k);
    c.held -= old.body.length;
  }
}

/**
 * A failure is only forgotten when its address is asked for again after RETRY_MS, so without a bound every bad
 * address ever seen (catalogs refreshed with new ones, sources removed) would stay for the process's life. A Map
 * iterates in insertion order: the oldest failures go first, and at worst are fetched once more.
 */
function remember(c: LogoCache, url: string, why: string): void {
  c.failed.delete(url);
  c.failed.set(url, { until: Date.now() + RETRY_MS, why });
  for (const k of c.failed.keys()) {
    if (c.failed.size <= FAILED_MAX) break;
    c.failed.delete(k);
  }
}

async function download(c: LogoCache, t: CatalogTemplate, url: string, settings: Pick<SourceSettings, 'allowInsecure' | 'timeoutMs'>): Promise<LogoFile> {
  try {
    if (url.startsWith('http:') && !settings.allowInsecure) throw new Error('it is plain http, and BERTH_CATALOG_ALLOW_INSECURE_SOURCES is not set');
    const r = await fetchLimited(
      new URL(url),
      { allowInsecure: settings.allowInsecure, maxBytes: REMOTE_MAX, timeoutMs: Math.min(settings.timeoutMs, 15_000) },
      'image/*',
    );
    if (!IMAGE_TYPES.has(r.type)) throw new Error(`it answered ${r.type || 'no content type'}, not an image`);
    const f = { type: r.type === 'image/vnd.microsoft.icon' ? 'image/x-icon' : r.type, body: r.body };
    keep(c, url, f);
    return f;
  } catch (e) {
    const why = `The logo of template ${t.id} at ${url} could not be fetched: ${(e as Error).message}`;
    remember(c, url, why);
    throw notFound(why);
  }
}

function remoteLogo(b: Berth, t: CatalogTemplate, url: string, settings: Pick<SourceSettings, 'allowInsecure' | 'timeoutMs'>): Promise<LogoFile> {
  const c = cacheOf(b);
  const hit = c.fetched.get(url);
  if (hit) return Promise.resolve(hit);
  const miss = c.failed.get(url);
  if (miss && miss.until > Date.now()) return Promise.reject(notFound(miss.why));
  let under = c.inflight.get(url);
  if (!under) {
    under = download(c, t, url, settings).finally(() => c.inflight.delete(url));
    c.inflight.set(url, under);
  }
  return under;
}

/** The logo's bytes and type, for GET /api/v1/catalog/{template}/logo. */
export async function logoFile(b: Berth, t: CatalogTemplate, settings: Pick<SourceSettings, 'allowInsecure' | 'timeoutMs'>): Promise<LogoFile> {
  const m = t.logo ? DATA.exec(t.logo) : null;
  if (m) return { type: m[1], body: Buffer.from(m[2], 'base64') };
  if (t.logo && REMOTE.test(t.logo)) return remoteLogo(b, t, t.logo, settings);
  throw notFound(`Template ${t.id} has no logo`);
}
