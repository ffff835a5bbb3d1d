import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, importCatalogFile } from './index';

const fixture = (f: string) => readFileSync(path.join(__dirname, 'fixtures', f), 'utf8');

describe('importCatalogFile', () => {
  it('recognises each format', () => {
    expect(detectFormat(fixture('portainer-v3.json'))).toBe('portainer');
    expect(detectFormat(fixture('caprover-ghost.yml'))).toBe('caprover');
    expect(detectFormat(fixture('coolify-ghost.yaml'))).toBe('coolify');
    expect(detectFormat(JSON.stringify({ whoami: { compose: 'c2VydmljZXM6IHt9', slogan: 'x' } }))).toBe('coolify-catalog');
    expect(detectFormat('just text')).toBeNull();
    expect(detectFormat('{not: [closed')).toBeNull();
  });

  it('names apps by their file name, and ids by the catalog', () => {
    expect(importCatalogFile({ name: 'apps/ghost.yml', text: fixture('caprover-ghost.yml') }, { catalog: 'cr' }).templates[0].id).toBe('cr/ghost');
    expect(importCatalogFile({ name: 'templates/compose/ghost.yaml', text: fixture('coolify-ghost.yaml') }, { catalog: 'co' }).templates[0].id).toBe(
      'co/ghost',
    );
    expect(importCatalogFile({ name: 'templates.json', text: fixture('portainer-v3.json') }, { catalog: 'pt' }).templates).toHaveLength(5);
  });

  it('keeps to the format it is told', () => {
    expect(() => importCatalogFile({ name: 'x.json', text: fixture('caprover-ghost.yml'), format: 'portainer' }, { catalog: 'c' })).toThrow(
      /not a valid Portainer app templates v3 file: it is not JSON/,
    );
  });

  it('refuses a file in no known format, saying which formats it reads', () => {
    expect(() => importCatalogFile({ name: 'notes.txt', text: 'hello' }, { catalog: 'c' })).toThrow(
      /notes.txt is in no format Berth imports: expected Portainer app templates v3/,
    );
  });
});
