import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalRepo, headManifest, isInsecure, parseChallenge, rateLimitRemaining, registryRepo, retryAfterAt } from './registry-head';

describe('registryRepo', () => {
  it('names Docker Hub images as its v2 API does', () => {
    expect(registryRepo('busybox')).toEqual({ registry: 'docker.io', apiHost: 'registry-1.docker.io', path: 'library/busybox', reference: 'latest' });
    expect(registryRepo('docker.io/library/nginx:1.27')).toMatchObject({ apiHost: 'registry-1.docker.io', path: 'library/nginx', reference: '1.27' });
    expect(registryRepo('index.docker.io/nginx')).toMatchObject({ registry: 'docker.io', path: 'library/nginx' });
    expect(registryRepo('grafana/grafana:11')).toMatchObject({ registry: 'docker.io', path: 'grafana/grafana', reference: '11' });
  });

  it('keeps other registries, ports and nested paths, and digests', () => {
    expect(registryRepo('127.0.0.1:5000/team/app:1')).toEqual({ registry: '127.0.0.1:5000', apiHost: '127.0.0.1:5000', path: 'team/app', reference: '1' });
    expect(registryRepo('ghcr.io/o/r/x')).toMatchObject({ registry: 'ghcr.io', path: 'o/r/x', reference: 'latest' });
    expect(registryRepo(`localhost/app@sha256:${'a'.repeat(64)}`)).toMatchObject({ registry: 'localhost', path: 'app', reference: `sha256:${'a'.repeat(64)}` });
  });

  it('gives RepoDigests and references one spelling of the repository', () => {
    expect(canonicalRepo(`busybox@sha256:${'b'.repeat(64)}`)).toBe('docker.io/library/busybox');
    expect(canonicalRepo('docker.io/library/busybox:latest')).toBe('docker.io/library/busybox');
    expect(canonicalRepo(`127.0.0.1:5000/upd@sha256:${'c'.repeat(64)}`)).toBe('127.0.0.1:5000/upd');
  });
});

describe('parseChallenge', () => {
  it('reads a Bearer challenge with quoted parameters', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull' },
    });
  });

  it('reads Basic, unquoted values and escapes', () => {
    expect(parseChallenge('Basic realm="berth-harness"')).toEqual({ scheme: 'basic', params: { realm: 'berth-harness' } });
    expect(parseChallenge('Bearer realm=https://x/token, error="invalid_token", error_description="a \\"b\\""')?.params).toEqual({
      realm: 'https://x/token',
      error: 'invalid_token',
      error_description: 'a "b"',
    });
    expect(parseChallenge(null)).toBeNull();
    expect(parseChallenge('')).toBeNull();
  });
});

describe('rate limits', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterAt('120', now)).toBe(now + 120_000);
    expect(retryAfterAt('Thu, 01 Jan 2026 00:05:00 GMT', now)).toBe(now + 300_000);
    expect(retryAfterAt('soon', now)).toBeNull();
    expect(retryAfterAt(null, now)).toBeNull();
  });
  it("reads Docker Hub's RateLimit-Remaining", () => {
    expect(rateLimitRemaining('76;w=21600')).toEqual({ remaining: 76, windowS: 21600 });
    expect(rateLimitRemaining('0')).toEqual({ remaining: 0, windowS: null });
    expect(rateLimitRemaining(null)).toBeNull();
  });
});

describe('isInsecure', () => {
  it('treats 127.0.0.0/8 and localhost as the Engine does by default', () => {
    expect(isInsecure('127.0.0.1:5000')).toBe(true);
    expect(isInsecure('127.8.0.3')).toBe(true);
    expect(isInsecure('localhost:5000')).toBe(true);
    expect(isInsecure('docker.io')).toBe(false);
    expect(isInsecure('10.0.0.5:5000')).toBe(false);
  });
  it("follows the Engine's own settings", () => {
    expect(isInsecure('10.0.0.5:5000', { cidrs: ['10.0.0.0/8'], names: [] })).toBe(true);
    expect(isInsecure('reg.lan:5000', { cidrs: [], names: ['reg.lan:5000'] })).toBe(true);
    expect(isInsecure('127.0.0.1:5000', { cidrs: [], names: [] })).toBe(false);
  });
});

describe('headManifest against a registry of our own on loopback', () => {
  const DIGEST = `sha256:${'e'.repeat(64)}`;
  let server: http.Server;
  let base = '';
  let mode: 'bearer' | '429' | 'last-call' = 'bearer';
  const seen: { url: string; auth?: string; accept?: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url!, auth: req.headers.authorization, accept: req.headers.accept });
      if (req.url!.startsWith('/token')) {
        const ok = req.headers.authorization === `Basic ${Buffer.from('u:p').toString('base64')}`;
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { token: 'T0K' } : {}));
        return;
      }
      if (mode === '429') return void res.writeHead(429, { 'retry-after': '30' }).end();
      if (req.headers.authorization !== 'Bearer T0K') {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="${base}/token",service="reg",scope="repository:team/app:pull"` }).end();
        return;
      }
      res.writeHead(200, { 'docker-content-digest': DIGEST, ...(mode === 'last-call' ? { 'ratelimit-remaining': '0;w=120' } : {}) }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const ref = () => `${base.replace('http://', '')}/team/app:1`;

  it('answers a Bearer challenge at its realm with the stored credentials, asking for indexes and manifests', async () => {
    mode = 'bearer';
    seen.length = 0;
    expect(await headManifest(ref(), { credentials: { username: 'u', password: 'p' }, insecure: true })).toEqual({
      ok: true,
      digest: DIGEST,
      backoffUntil: null,
    });
    expect(seen.map((s) => s.url)).toEqual(['/v2/team/app/manifests/1', '/token?service=reg&scope=repository%3Ateam%2Fapp%3Apull', '/v2/team/app/manifests/1']);
    expect(seen[0].accept).toContain('application/vnd.oci.image.index.v1+json');
    expect(seen[2].auth).toBe('Bearer T0K');
  });

  it('says auth failed when the token service refuses the credentials', async () => {
    mode = 'bearer';
    expect(await headManifest(ref(), { credentials: { username: 'u', password: 'wrong' }, insecure: true })).toMatchObject({ ok: false, reason: 'auth' });
  });

  it('backs off after 429 until Retry-After, and when no calls are left', async () => {
    const now = Date.now();
    mode = '429';
    expect(await headManifest(ref(), { credentials: null, insecure: true, now: () => now })).toMatchObject({
      ok: false,
      reason: 'rate-limited',
      backoffUntil: now + 30_000,
    });
    mode = 'last-call';
    expect(await headManifest(ref(), { credentials: { username: 'u', password: 'p' }, insecure: true, now: () => now })).toEqual({
      ok: true,
      digest: DIGEST,
      backoffUntil: now + 120_000,
    });
  });

  it('says a registry nobody answers at is unreachable', async () => {
    expect(await headManifest('127.0.0.1:9/x:1', { credentials: null, insecure: true, timeoutMs: 2000 })).toMatchObject({ ok: false, reason: 'unreachable' });
  });
});
