import fs from 'node:fs';
import path from 'node:path';
import { buildOpenApi } from '../server/http/openapi';

const out = path.resolve(__dirname, '../public/openapi.json');
fs.writeFileSync(out, JSON.stringify(buildOpenApi(), null, 2) + '\n');
console.log(`wrote ${out}`);
