import { parse } from 'yaml';
import { invalid } from '@/server/errors';
import { importCaprover } from './caprover';
import type { ImportOptions, ImportResult } from './common';
import { importCoolify, importCoolifyCatalog } from './coolify';
import { importPortainer } from './portainer';

/**
 * One entry for a catalog file in another tool's format: the format named by the admin, or recognised from the text.
 * `name` is the file's name (CapRover and Coolify name an app by its file: "ghost.yml" → ghost).
 */

export type ImportFormat = 'portainer' | 'caprover' | 'coolify' | 'coolify-catalog';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['portainer', 'caprover', 'coolify', 'coolify-catalog'];

export type { ImportedTemplate, ImportOptions, ImportResult, NeedsFetch, RepositorySource } from './common';
export { completeFetched } from './portainer';

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The format of a file, or null when it is none Berth imports. */
export function detectFormat(text: string): ImportFormat | null {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch {
    return null;
  }
  if (!isObj(data)) return null;
  if ('captainVersion' in data) return 'caprover';
  if ('templates' in data && 'version' in data) return 'portainer';
  if ('services' in data) return 'coolify';
  const values = Object.values(data);
  if (values.length && values.every((v) => isObj(v) && typeof v.compose === 'string')) return 'coolify-catalog';
  return null;
}

const baseName = (name: string) => name.replace(/^.*\//, '').replace(/\.(ya?ml|json)$/i, '');

export function importCatalogFile(input: { name: string; text: string; format?: ImportFormat }, opts: ImportOptions): ImportResult {
  const format = input.format ?? detectFormat(input.text);
  switch (format) {
    case 'portainer':
      return importPortainer(input.text, opts);
    case 'caprover':
      return importCaprover(baseName(input.name), input.text, opts);
    case 'coolify':
      return importCoolify(baseName(input.name), input.text, opts);
    case 'coolify-catalog':
      return importCoolifyCatalog(input.text, opts);
    default:
      throw invalid(
        `${input.name} is in no format Berth imports: expected Portainer app templates v3 (JSON with version and templates), a CapRover one-click app (captainVersion: 4), a Coolify compose template (a compose file with services:) or Coolify's service-templates.json`,
      );
  }
}
