import { describe, expect, it } from 'vitest';
import { checkOrigin, expectedOrigins } from './policy';

const request = (headers: Record<string, string>, url = 'http://localhost:3000/api/v1/hosts') => new Request(url, { method: 'POST', headers });

describe('checkOrigin', () => {
  it("accepts the request's own origin, scheme included, and no Origin at all (scripts)", () => {
    expect(() => checkOrigin(request({ host: 'localhost:3000', origin: 'http://localhost:3000' }), undefined)).not.toThrow();
    expect(() => checkOrigin(request({ host: 'berth.example', 'x-forwarded-proto': 'https', origin: 'https://berth.example' }), undefined)).not.toThrow();
    expect(() => checkOrigin(request({ host: 'Berth.Example:443', 'x-forwarded-proto': 'https', origin: 'https://berth.example' }), undefined)).not.toThrow();
    expect(() => checkOrigin(request({ host: 'localhost:3000' }), undefined)).not.toThrow();
  });

  it('refuses http:// where the server is https://, and the reverse', () => {
    expect(() => checkOrigin(request({ host: 'berth.example', 'x-forwarded-proto': 'https', origin: 'http://berth.example' }), undefined)).toThrow(
      /Origin http:\/\/berth\.example does not match this server \(https:\/\/berth\.example\)/,
    );
    expect(() => checkOrigin(request({ host: 'localhost:3000', 'x-forwarded-proto': 'http', origin: 'https://localhost:3000' }), undefined)).toThrow(
      /Cross-origin/,
    );
  });

  it('refuses another host or port, a null or malformed Origin', () => {
    for (const origin of ['http://evil.example', 'http://localhost:3001', 'null', 'not a url', 'file:///etc']) {
      expect(() => checkOrigin(request({ host: 'localhost:3000', origin }), undefined), origin).toThrow(/Cross-origin request refused/);
    }
  });

  it('with BERTH_PUBLIC_URL: its origin is the one for its host, whatever the proxy forgot to forward', () => {
    const pub = 'https://berth.example.com';
    // a proxy that does not send X-Forwarded-Proto: server.ts marks the request http, the public URL still wins
    expect(() => checkOrigin(request({ host: 'berth.example.com', 'x-forwarded-proto': 'http', origin: 'https://berth.example.com' }), pub)).not.toThrow();
    expect(() => checkOrigin(request({ host: 'berth.example.com', 'x-forwarded-proto': 'http', origin: 'http://berth.example.com' }), pub)).toThrow(
      /does not match this server \(https:\/\/berth\.example\.com\)/,
    );
    // Berth opened directly under another name still works for that name
    expect(() => checkOrigin(request({ host: '127.0.0.1:3000', 'x-forwarded-proto': 'http', origin: 'http://127.0.0.1:3000' }), pub)).not.toThrow();
    expect(expectedOrigins(request({ host: '127.0.0.1:3000' }), pub)).toEqual(['https://berth.example.com', 'http://127.0.0.1:3000']);
  });

  it('uses the first value of forwarded headers', () => {
    expect(expectedOrigins(request({ host: 'inner:3000', 'x-forwarded-host': 'outer.example, inner', 'x-forwarded-proto': 'https, http' }), undefined)).toEqual(
      ['https://outer.example'],
    );
  });
});
