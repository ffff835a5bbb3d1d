import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './openapi';

describe('OpenAPI document', () => {
  it('is generated from the schemas and public/openapi.json is current (run `npm run openapi`)', () => {
    const doc = buildOpenApi() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/v1/hosts/{id}/containers/{cid}/{action}');
    const committed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../public/openapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
