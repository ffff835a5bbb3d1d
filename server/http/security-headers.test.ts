import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('security headers', () => {
  it('forbid framing, both ways', () => {
    const h = securityHeaders({ host: 'localhost:3000' });
    expect(h['X-Frame-Options']).toBe('DENY');
    expect(directives(h['Content-Security-Policy'])['frame-ancestors']).toEqual(["'none'"]);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });

  it('allow what a Next.js page needs and nothing foreign', () => {
    const d = directives(contentSecurityPolicy({ host: 'localhost:3000' }));
    expect(d['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'self'"]);
    expect(d['form-action']).toEqual(["'self'"]);
    expect(d['connect-src']).toEqual(["'self'", 'ws://localhost:3000', 'wss://localhost:3000']);
  });

  it('dev mode allows eval for React Refresh; production does not', () => {
    expect(directives(contentSecurityPolicy({ host: 'h', dev: true }))['script-src']).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ host: 'h' })).not.toContain('unsafe-eval');
  });

  it("names the public URL's host for the terminal and GitHub for the sign-in form", () => {
    const d = directives(contentSecurityPolicy({ host: '127.0.0.1:3000', publicUrl: 'https://berth.example.com', githubUrl: 'https://github.example.com/' }));
    expect(d['connect-src']).toEqual(["'self'", 'ws://127.0.0.1:3000', 'wss://127.0.0.1:3000', 'ws://berth.example.com', 'wss://berth.example.com']);
    expect(d['form-action']).toEqual(["'self'", 'https://github.example.com']);
  });

  it('never copies a strange Host header into the policy', () => {
    for (const host of ['evil.example; script-src *', 'a b', "x'", '', null, undefined]) {
      expect(directives(contentSecurityPolicy({ host }))['connect-src'], String(host)).toEqual(["'self'"]);
    }
    expect(directives(contentSecurityPolicy({ host: 'outer.example, inner:3000' }))['connect-src']).toEqual([
      "'self'",
      'ws://outer.example',
      'wss://outer.example',
    ]);
  });
});
