import { z } from 'zod';
import { invalid } from '../../errors';

/**
 * Catalog sources' settings (from the environment, documented in catalog/README.md) and the checks of the addresses an
 * admin gives. A git URL reaches the `git` program, so it is checked before git sees it: an option ("-…"), a remote
 * helper ("ext::", "file::") or an unencrypted transport is refused with a message saying what to give instead.
 */

export interface SourceSettings {
  /** how often every source is refreshed in the background; 0: only on demand */
  refreshMinutes: number;
  /** http://, git:// and file:// sources (unencrypted, or the server's own disk): off unless an admin turns them on */
  allowInsecure: boolean;
  /** the most a source may take on disk (a clone) or download (a file) */
  maxBytes: number;
  /** the longest a clone, fetch or download may take */
  timeoutMs: number;
}

const flag = (name: string) => z.enum(['0', '1', 'true', 'false'], { message: `${name} must be 0 or 1` }).default('0');
const int = (name: string, min: number, max: number, def: number, example: string) =>
  z.coerce
    .number({ message: `${name} must be a number, e.g. ${name}=${example}` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be between ${min} and ${max}`)
    .max(max, `${name} must be between ${min} and ${max}`)
    .default(def);

const EnvSchema = z.object({
  BERTH_CATALOG_REFRESH_MINUTES: int('BERTH_CATALOG_REFRESH_MINUTES', 0, 7 * 24 * 60, 60, '60'),
  BERTH_CATALOG_ALLOW_INSECURE_SOURCES: flag('BERTH_CATALOG_ALLOW_INSECURE_SOURCES'),
  BERTH_CATALOG_SOURCE_MAX_MB: int('BERTH_CATALOG_SOURCE_MAX_MB', 1, 10_240, 100, '100'),
  BERTH_CATALOG_SOURCE_TIMEOUT_S: int('BERTH_CATALOG_SOURCE_TIMEOUT_S', 5, 3600, 120, '120'),
});

/** The settings, read now (a test may change the environment between two Berths); a bad value names its variable. */
export function sourceSettings(env: Record<string, string | undefined> = process.env): SourceSettings {
  const blank = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('BERTH_CATALOG_') && v !== ''));
  const r = EnvSchema.safeParse(blank);
  if (!r.success) throw new Error(r.error.issues.map((i) => i.message).join('; '));
  const e = r.data;
  return {
    refreshMinutes: e.BERTH_CATALOG_REFRESH_MINUTES,
    allowInsecure: e.BERTH_CATALOG_ALLOW_INSECURE_SOURCES === '1' || e.BERTH_CATALOG_ALLOW_INSECURE_SOURCES === 'true',
    maxBytes: e.BERTH_CATALOG_SOURCE_MAX_MB * 1024 * 1024,
    timeoutMs: e.BERTH_CATALOG_SOURCE_TIMEOUT_S * 1000,
  };
}

const INSECURE_HINT = 'use https://, or let an admin of the server set BERTH_CATALOG_ALLOW_INSECURE_SOURCES=1 (trusted networks only)';

/** The transports git may use for these settings, as git's own protocol.<name>.allow switches. */
export const gitProtocols = (allowInsecure: boolean) => (allowInsecure ? ['https', 'http', 'git', 'file'] : ['https']);

function refuseCredentials(what: string, u: URL): void {
  if (u.username || u.password) {
    throw invalid(`The ${what} holds a user name or password: Berth stores and shows source URLs, so it takes public ones only; remove the credentials`);
  }
}

/** A git repository's URL as git will be given it, or an `invalid` error saying what is wrong and what to give. */
export function checkGitUrl(raw: string, allowInsecure: boolean): string {
  const url = raw.trim();
  if (!url) throw invalid("The git URL is empty; give the repository's https:// URL");
  if (url.startsWith('-')) throw invalid(`The git URL "${url}" starts with "-", which git would read as an option; give the repository's https:// URL`);
  const helper = /^([A-Za-z0-9][A-Za-z0-9+.-]*)::/.exec(url);
  if (helper) {
    throw invalid(`The git URL uses the "${helper[1]}::" transport, which makes git run a helper program; Berth clones https:// URLs only`);
  }
  if (/[\s\u0000-\u001f\u007f]/.test(url)) throw invalid("The git URL holds spaces or control characters; give the repository's https:// URL");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1].toLowerCase();
  if (!scheme) {
    throw invalid(
      `"${url}" is not a URL Berth clones (SSH addresses such as git@host:repo.git and local paths are not supported); give the repository's https:// URL`,
    );
  }
  if (!gitProtocols(true).includes(scheme)) throw invalid(`The git URL uses ${scheme}://, which Berth does not clone from; give the repository's https:// URL`);
  if (!allowInsecure && scheme !== 'https') {
    const why = scheme === 'file' ? 'it reads a folder of the Berth server itself' : 'it is neither encrypted nor authenticated';
    throw invalid(`The git URL uses ${scheme}://, which is refused because ${why}; ${INSECURE_HINT}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(`"${url}" is not a valid URL; give the repository's https:// URL`);
  }
  refuseCredentials('git URL', parsed);
  return url;
}

/** A catalog file's URL (http or https), or an `invalid` error. */
export function checkFileUrl(raw: string, allowInsecure: boolean): URL {
  const url = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(`"${url}" is not a URL; give the catalog file's https:// address, e.g. https://example.com/templates.json`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw invalid(`The URL uses ${parsed.protocol.replace(/:$/, '')}:, not http(s); give the catalog file's https:// address (or upload the file)`);
  }
  if (parsed.protocol === 'http:' && !allowInsecure) throw invalid(`http:// is refused because it is neither encrypted nor authenticated; ${INSECURE_HINT}`);
  refuseCredentials('URL', parsed);
  return parsed;
}

/**
 * The folder of a git source that holds templates/ ("" for the repository's top), as a clean relative path: no
 * "..", no absolute path, so it always stays inside the clone.
 */
export function checkSubPath(raw: string | undefined): string {
  const p = (raw ?? '')
    .trim()
    .replace(/^\.?\/+/, '')
    .replace(/\/+$/, '');
  if (!p) return '';
  const parts = p.split('/');
  if (parts.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('-') || /[\u0000-\u001f\\]/.test(s))) {
    throw invalid(`The folder "${raw}" must be a plain path inside the repository, such as catalogs/main (no "..", no leading "-")`);
  }
  return parts.join('/');
}
