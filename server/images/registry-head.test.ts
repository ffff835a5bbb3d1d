import { describe, expect, it } from 'vitest';
import { canonicalRepo, isInsecure, parseChallenge, rateLimitRemaining, registryRepo, retryAfterAt } from './registry-head';

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
