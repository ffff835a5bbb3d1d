import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { urlOf } from './api-client';

const root = path.resolve(__dirname, '..');
const contract = fs.readFileSync(path.join(root, 'lib/api-contract.ts'), 'utf8');
const routes = [...contract.matchAll(/^ {2}'([A-Z]+) (\/api\/[^']*)':/gm)].map((m) => ({ key: `${m[1]} ${m[2]}`, method: m[1], path: m[2] }));

/** '/api/v1/hosts/{id}/images' → app/api/v1/hosts/[id]/images/route.ts */
const fileOf = (p: string) => path.join(root, 'app', p.replace(/\{(\w+)\}/g, '[$1]'), 'route.ts');

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? routeFiles(p) : d.name === 'route.ts' ? [p] : [];
  });
}

describe('the API contract (lib/api-contract.ts)', () => {
  it('lists routes', () => {
    expect(routes.length).toBeGreaterThan(50);
  });

  it('names, for every entry, a handler that exists with that method and those {param} names', () => {
    for (const r of routes) {
      const file = fileOf(r.path);
      expect(fs.existsSync(file), `${r.key}: no ${path.relative(root, file)}`).toBe(true);
      expect(fs.readFileSync(file, 'utf8'), `${r.key}: ${path.relative(root, file)} exports no ${r.method}`).toMatch(new RegExp(`export const ${r.method}\\b`));
    }
  });

  it('is what each handler replies with: reply() names a route of its own file', () => {
    const keys = new Set(routes.map((r) => r.key));
    for (const file of routeFiles(path.join(root, 'app/api'))) {
      for (const [, key] of fs.readFileSync(file, 'utf8').matchAll(/reply\('([^']+)'/g)) {
        expect(keys.has(key), `${key} in ${path.relative(root, file)} is not in the contract`).toBe(true);
        expect(fileOf(key.slice(key.indexOf(' ') + 1)), `${key} replied from ${path.relative(root, file)}`).toBe(file);
      }
    }
  });
});

describe('urlOf', () => {
  it('fills in {params}, encoded', () => {
    expect(urlOf('GET /api/v1/hosts/{id}/stacks/{name}', { id: 'a b', name: 'web/1' })).toBe('/api/v1/hosts/a%20b/stacks/web%2F1');
  });
  it('puts the other params in the query string, leaving out undefined, false and empty ones', () => {
    expect(urlOf('DELETE /api/v1/hosts/{id}/images/{iid}', { id: 'h', iid: 'sha256:1', ref: 'x:1', force: true })).toBe(
      '/api/v1/hosts/h/images/sha256%3A1?ref=x%3A1&force=true',
    );
    expect(urlOf('DELETE /api/v1/hosts/{id}/images/{iid}', { id: 'h', iid: 'i', ref: '', force: false })).toBe('/api/v1/hosts/h/images/i');
    expect(urlOf('GET /api/v1/hosts/{id}/volumes', { id: 'h', sizes: 1 })).toBe('/api/v1/hosts/h/volumes?sizes=1');
    expect(urlOf('GET /api/v1/hosts')).toBe('/api/v1/hosts');
  });
});
