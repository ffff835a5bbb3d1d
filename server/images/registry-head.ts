import { createHash } from 'node:crypto';
import { DOCKER_HUB, parseRef } from '@/lib/schemas/pull';

/**
 * The registry v2 manifest HEAD: which digest a tag points to now, asked of the registry itself (no pull, no layers).
 * Berth makes this request from its own process, so an image update check costs the hosts nothing. Token auth
 * (a `WWW-Authenticate: Bearer realm=…` challenge, answered at the realm with the stored credentials, as Docker Hub,
 * GHCR and Harbor ask) and basic auth (the distribution registry with htpasswd) are both spoken. 429 and
 * `RateLimit-Remaining` are read so the caller can back off that registry until the time it names.
 */

/** What a manifest HEAD asks for: an OCI index or Docker manifest list first (multi-arch), then single manifests. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** Where Docker Hub's v2 API answers: "docker.io" is only the name image references use for it. */
export const DOCKER_HUB_API = 'registry-1.docker.io';

export interface RegistryRepo {
  /** the registry as references and stored credentials name it ("docker.io", "127.0.0.1:5000") */
  registry: string;
  /** the host[:port] the HTTP requests go to */
  apiHost: string;
  /** the repository path in the API (Docker Hub's single names get "library/") */
  path: string;
  /** a tag, or a digest for a reference pinned by digest */
  reference: string;
}

/** An image reference as the v2 API names it: "busybox" → registry-1.docker.io, library/busybox, latest. */
export function registryRepo(ref: string): RegistryRepo {
  const p = parseRef(ref);
  const hasRegistry = p.registry !== DOCKER_HUB || /^(docker\.io|index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com)\//i.test(p.repo);
  let path = hasRegistry ? p.repo.slice(p.repo.indexOf('/') + 1) : p.repo;
  if (p.registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  return { registry: p.registry, apiHost: p.registry === DOCKER_HUB ? DOCKER_HUB_API : p.registry, path, reference: p.tag };
}

/** The repository of a RepoDigests entry or a reference, in one spelling: "docker.io/library/busybox". */
export function canonicalRepo(refOrRepoDigest: string): string {
  const r = registryRepo(refOrRepoDigest);
  return `${r.registry}/${r.path}`;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"` → parts. */
export function parseChallenge(header: string | null): Challenge | null {
  if (!header) return null;
  const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!m) return null;
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) params[p[1].toLowerCase()] = (p[2] ?? p[3]).replace(/\\(.)/g, '$1');
  return { scheme: m[1].toLowerCase(), params };
}

/** `Retry-After` as seconds or an HTTP date → the time to wait until (ms since the epoch); null when absent/unreadable. */
export function retryAfterAt(header: string | null, now: number): number | null {
  if (!header) return null;
  const s = header.trim();
  if (/^\d+$/.test(s)) return now + Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

/** `RateLimit-Remaining: 76;w=21600` (Docker Hub) → { remaining: 76, windowS: 21600 }; null when absent. */
export function rateLimitRemaining(header: string | null): { remaining: number; windowS: number | null } | null {
  if (!header) return null;
  const m = /^\s*(\d+)\s*(?:;\s*w\s*=\s*(\d+))?/.exec(header);
  return m ? { remaining: Number(m[1]), windowS: m[2] ? Number(m[2]) : null } : null;
}

/** The Engine's own insecure-registry settings (from its /info), by which plain http is used. */
export interface InsecureSettings {
  cidrs: string[];
  /** registries marked insecure by name (IndexConfigs with Secure: false) */
  names: string[];
}

/** What the Engine uses when it says nothing: 127.0.0.0/8 is insecure by default (dockerd's --insecure-registry). */
export const DEFAULT_INSECURE: InsecureSettings = { cidrs: ['127.0.0.0/8'], names: [] };

const ipv4 = (s: string) => (/^\d{1,3}(\.\d{1,3}){3}$/.test(s) ? s.split('.').reduce((n, o) => n * 256 + Number(o), 0) : null);

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = ipv4(ip);
  const b = ipv4(base);
  if (a === null || b === null) return false;
  const n = Number(bits ?? 32);
  const size = 2 ** (32 - n);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** Whether the Engine would talk plain http to this registry: named insecure, or an address in an insecure range. */
export function isInsecure(registry: string, s: InsecureSettings = DEFAULT_INSECURE): boolean {
  if (s.names.includes(registry)) return true;
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return s.cidrs.some((c) => inCidr('127.0.0.1', c));
  return s.cidrs.some((c) => inCidr(host, c));
}

export type HeadResult =
  | { ok: true; digest: string; /** the registry asked to slow down: back off until then */ backoffUntil: number | null }
  | { ok: false; reason: 'unreachable' | 'auth' | 'not-found' | 'rate-limited' | 'error'; message: string; backoffUntil: number | null };

export interface HeadOptions {
  credentials: { username: string; password: string } | null;
  insecure: boolean;
  timeoutMs?: number;
  now?: () => number;
}

const basic = (c: { username: string; password: string }) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

/** The rate-limit headers' verdict: 429 waits until Retry-After (a minute if unsaid); none left waits out the window. */
function backoffOf(res: Response, now: number): number | null {
  const after = retryAfterAt(res.headers.get('retry-after'), now);
  if (res.status === 429) return after ?? now + 60_000;
  const left = rateLimitRemaining(res.headers.get('ratelimit-remaining'));
  if (left && left.remaining <= 0) return after ?? now + (left.windowS ?? 60) * 1000;
  return null;
}

async function bearerToken(ch: Challenge, repo: RegistryRepo, o: HeadOptions, timeoutMs: number): Promise<string | { error: string; status?: number }> {
  const realm = ch.params.realm;
  if (!realm) return { error: 'its Bearer challenge names no token realm' };
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return { error: `its token realm "${realm}" is not a URL` };
  }
  // credentials go to the realm as Docker sends them, but never over plain http from a registry spoken to over https
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && o.insecure)) return { error: `its token realm ${url.origin} is not https` };
  if (ch.params.service) url.searchParams.set('service', ch.params.service);
  url.searchParams.set('scope', ch.params.scope ?? `repository:${repo.path}:pull`);
  const res = await fetch(url, { headers: o.credentials ? { authorization: basic(o.credentials) } : {}, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) return { error: `its token service answered ${res.status}`, status: res.status };
  const body = (await res.json().catch(() => ({}))) as { token?: string; access_token?: string };
  return body.token ?? body.access_token ?? { error: 'its token service sent no token' };
}

/**
 * HEAD /v2/<path>/manifests/<reference>: the digest the registry holds for the tag now (`Docker-Content-Digest`; a
 * registry that leaves it out of HEAD is asked with GET and the body hashed). Failures say why in words for a status.
 */
export async function headManifest(ref: string, o: HeadOptions): Promise<HeadResult> {
  const repo = registryRepo(ref);
  const now = o.now ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const url = `${o.insecure ? 'http' : 'https'}://${repo.apiHost}/v2/${repo.path}/manifests/${repo.reference}`;
  const ask = (method: 'HEAD' | 'GET', authorization?: string) =>
    fetch(url, { method, headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) }, signal: AbortSignal.timeout(timeoutMs) });
  const fail = (reason: Exclude<HeadResult, { ok: true }>['reason'], message: string, backoffUntil: number | null = null): HeadResult => ({
    ok: false,
    reason,
    message,
    backoffUntil,
  });
  try {
    let authz: string | undefined;
    let res = await ask('HEAD');
    if (res.status === 401) {
      const ch = parseChallenge(res.headers.get('www-authenticate'));
      if (ch?.scheme === 'basic') {
        if (!o.credentials) return fail('auth', `registry ${repo.registry} needs credentials: add them under Registries`);
        authz = basic(o.credentials);
      } else if (ch?.scheme === 'bearer') {
        const token = await bearerToken(ch, repo, o, timeoutMs);
        if (typeof token !== 'string') {
          if (token.status === 429) return fail('rate-limited', `registry ${repo.registry}'s token service is rate limiting`, now() + 60_000);
          return fail('auth', `registry ${repo.registry} refused a token${o.credentials ? ' for the stored credentials' : ''} (${token.error})`);
        }
        authz = `Bearer ${token}`;
      } else
        return fail(
          'auth',
          `registry ${repo.registry} asks for an authentication Berth does not speak (${res.headers.get('www-authenticate') ?? 'none named'})`,
        );
      res = await ask('HEAD', authz);
      if (res.status === 401 || res.status === 403)
        return fail(
          'auth',
          `registry ${repo.registry} refused ${o.credentials ? 'the stored credentials' : 'access without credentials'}: check them under Registries`,
        );
    }
    const backoff = backoffOf(res, now());
    if (res.status === 429) return fail('rate-limited', `registry ${repo.registry} is rate limiting`, backoff);
    if (res.status === 404) return fail('not-found', `${repo.path}:${repo.reference} is not on registry ${repo.registry}`, backoff);
    if (res.status === 403) return fail('auth', `registry ${repo.registry} refused access to ${repo.path}: check the credentials under Registries`, backoff);
    if (!res.ok) return fail('error', `registry ${repo.registry} answered ${res.status}`, backoff);
    let digest = res.headers.get('docker-content-digest');
    if (!digest) {
      const got = await ask('GET', authz);
      if (!got.ok) return fail('error', `registry ${repo.registry} sent no digest and answered ${got.status} to GET`);
      digest = `sha256:${createHash('sha256')
        .update(Buffer.from(await got.arrayBuffer()))
        .digest('hex')}`;
    }
    return { ok: true, digest, backoffUntil: backoff };
  } catch (e) {
    const err = e as { name?: string; cause?: { code?: string; message?: string }; message?: string };
    if (err.name === 'TimeoutError') return fail('unreachable', `registry ${repo.registry} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    return fail('unreachable', `registry ${repo.registry} cannot be reached (${err.cause?.code ?? err.cause?.message ?? err.message})`);
  }
}
