import { describe, expect, it } from 'vitest';
import { registryCause, registryError } from './errors';

const ctx = { registry: '127.0.0.1:5000', ref: '127.0.0.1:5000/app:1', hostName: 'a', credentials: 'stored' as const };

describe('registry errors', () => {
  it('tells to check the credentials of the registry on a refusal', () => {
    const e = registryError('Head "http://127.0.0.1:5000/v2/app/manifests/1": unauthorized: authentication required', ctx);
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/^Registry 127\.0\.0\.1:5000 refused the stored credentials: check the credentials of registry 127\.0\.0\.1:5000/);
  });

  it('says where to add credentials when none were used', () => {
    const e = registryError('no basic auth credentials', { ...ctx, credentials: 'none' });
    expect(e.message).toMatch(/Settings → Registries/);
  });

  it('names a missing image and an unreachable registry', () => {
    expect(registryError('manifest for 127.0.0.1:5000/app:1 not found: manifest unknown: manifest unknown', ctx)).toMatchObject({
      kind: 'not_found',
      message: expect.stringMatching(/^Image 127\.0\.0\.1:5000\/app:1 was not found on registry 127\.0\.0\.1:5000/),
    });
    expect(registryError('Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', ctx)).toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/^Registry 127\.0\.0\.1:5000 cannot be reached from host a/),
    });
  });
});

describe('the cause of a registry failure, in a few words', () => {
  it.each([
    ['Get "https://reg.invalid/v2/": dial tcp: lookup reg.invalid on 10.0.0.2:53: no such host', 'DNS: the registry name does not resolve'],
    ['Get "http://127.0.0.1:9/v2/": dial tcp 127.0.0.1:9: connect: connection refused', 'connection refused'],
    ['Get "https://10.1.1.1/v2/": dial tcp 10.1.1.1:443: i/o timeout', 'timed out'],
    ['unauthorized: authentication required', 'credentials refused or missing'],
    [
      'Get "https://127.0.0.1:5000/v2/": http: server gave HTTP response to HTTPS client',
      "TLS: not in the daemon's insecure-registries, or a certificate problem",
    ],
    ['manifest unknown: manifest unknown', 'image not found'],
  ])('%s', (raw, cause) => expect(registryCause(raw)).toBe(cause));
});
