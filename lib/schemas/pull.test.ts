import { describe, expect, it } from 'vitest';
import { normalizeRegistry, parseRef, PullSchema, pullRefProblem } from './pull';

describe('parseRef: which registry an image reference names', () => {
  it.each([
    ['busybox', 'docker.io', 'busybox', 'latest'],
    ['library/busybox:1.36', 'docker.io', 'library/busybox', '1.36'],
    ['team/app:1', 'docker.io', 'team/app', '1'],
    ['127.0.0.1:5000/berth-test/layers', '127.0.0.1:5000', '127.0.0.1:5000/berth-test/layers', 'latest'],
    ['localhost/app:2', 'localhost', 'localhost/app', '2'],
    ['localhost:5000/app', 'localhost:5000', 'localhost:5000/app', 'latest'],
    ['Registry.Example.com/team/app:v1', 'registry.example.com', 'Registry.Example.com/team/app', 'v1'],
    ['index.docker.io/library/nginx', 'docker.io', 'index.docker.io/library/nginx', 'latest'],
    [`ghcr.io/o/app@sha256:${'a'.repeat(64)}`, 'ghcr.io', 'ghcr.io/o/app', `sha256:${'a'.repeat(64)}`],
  ])('%s → %s', (ref, registry, repo, tag) => {
    expect(parseRef(ref)).toEqual({ registry, repo, tag });
  });

  it('treats a first component without "." or ":" as a Docker Hub namespace', () => {
    expect(parseRef('myregistry/app').registry).toBe('docker.io');
  });

  it('normalizes how users write registry addresses', () => {
    expect(normalizeRegistry('https://Registry.example.com:5000/')).toBe('registry.example.com:5000');
    expect(normalizeRegistry('registry-1.docker.io')).toBe('docker.io');
  });
});

describe('pull references', () => {
  it('accepts tags and digests, refuses a bad digest or both', () => {
    expect(pullRefProblem('127.0.0.1:5000/a/b:1')).toBeNull();
    expect(pullRefProblem(`a/b@sha256:${'0'.repeat(64)}`)).toBeNull();
    expect(pullRefProblem('a/b@sha256:abc')).toMatch(/not a digest/);
    expect(pullRefProblem(`a/b:1@sha256:${'0'.repeat(64)}`)).toMatch(/not both/);
    expect(pullRefProblem('Busybox')).toMatch(/lowercase/);
  });

  it('keeps explicit credentials optional and complete', () => {
    expect(PullSchema.safeParse({ ref: 'busybox' }).success).toBe(true);
    const r = PullSchema.safeParse({ ref: 'busybox', auth: { username: 'u', password: '' } });
    expect(r.success).toBe(false);
  });
});
