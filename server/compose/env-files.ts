import type { ContextEntry } from './build-context';
import type { Report } from './report';
import type { RawService } from './schema';

/**
 * env_file inside a stack's folder: which files of the uploaded folder archive compose may read as env files, how an
 * env_file path names one of them, and what to tell the user when it does not. Pure: the archive is read (and cached)
 * by folderFiles in server/stacks, before the synchronous load.
 */

/** Largest file of the folder that env_file reads. */
export const ENV_FILE_MAX_BYTES = 256 * 1024;
/** The most text Berth keeps from one folder for env_file (a folder is mostly a build context, not env files). */
export const ENV_FILES_TOTAL_MAX_BYTES = 4 * 1024 * 1024;
const LISTED = 30;

/** What the load knows of the stack's uploaded folder. */
export interface FolderFiles {
  /** the archive's name; null when the stack has no uploaded folder */
  archive: string | null;
  /** text files env_file may read: path relative to the folder root ("conf/app.env") → text */
  files: Record<string, string>;
  /** files of the folder env_file cannot read, path → why (a symlink, too large, not text) */
  unreadable: Record<string, string>;
  /** every file of the folder, for messages */
  listing: string[];
  /**
   * A file not (yet) in the folder is no problem: for saving a new stack, whose folder can only be uploaded once it
   * exists, and for views that need only service names and images. Plan and deploy never set it.
   */
  missingOk?: boolean;
}

/** The stack has no uploaded folder (a new stack, or one that never needed one). */
export const NO_FOLDER: FolderFiles = { archive: null, files: {}, unreadable: {}, listing: [] };

/**
 * The folder context rides on the files map (keyed by a symbol, so it is never a file name) because normalize passes
 * that map through to readEnvFiles untouched.
 */
export const FOLDER = Symbol('stack folder');
export type EnvFileMap = Record<string, string> & { [FOLDER]?: FolderFiles };

/** The map env_file reads: the folder's text files, and the .env typed in the editor, which wins over the folder's own. */
export function envFileMap(env: string, folder?: FolderFiles): EnvFileMap {
  const map: EnvFileMap = { ...(folder?.files ?? {}), '.env': env };
  if (folder) map[FOLDER] = folder;
  return map;
}

export type EnvPath = { path: string } | { error: 'absolute' | 'parent' | 'empty' };

/** "./conf//app.env" → "conf/app.env"; absolute paths (also "~" and "C:\") and ".." are refused: they leave the folder. */
export function envFilePath(raw: string): EnvPath {
  const p = raw.trim().replace(/\\/g, '/');
  if (p.startsWith('/') || p.startsWith('~') || /^[A-Za-z]:\//.test(p)) return { error: 'absolute' };
  const segs = p.split('/').filter((s) => s && s !== '.');
  if (segs.includes('..')) return { error: 'parent' };
  return segs.length ? { path: segs.join('/') } : { error: 'empty' };
}

const looksLikeEnv = (name: string) => /(^|[./_-])env($|[._-])/i.test(name.split('/').pop() ?? '');
const utf8 = new TextDecoder('utf-8', { fatal: true });

function asText(data: Buffer): string | null {
  if (data.includes(0)) return null;
  try {
    return utf8.decode(data).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/**
 * The folder's files as env_file sees them: small text files are kept (names that look like env files first, then the
 * smallest, until the total bound), symlinks are listed but never followed, directories are left out.
 */
export function selectEnvFiles(entries: ContextEntry[], max = ENV_FILE_MAX_BYTES, totalMax = ENV_FILES_TOTAL_MAX_BYTES): Omit<FolderFiles, 'archive'> {
  const files: Record<string, string> = {};
  const unreadable: Record<string, string> = {};
  const nonDirs = entries.filter((e) => e.type !== 'directory');
  const listing = nonDirs.map((e) => e.name).sort();
  const order = [...nonDirs].sort(
    (a, b) => Number(looksLikeEnv(b.name)) - Number(looksLikeEnv(a.name)) || (a.data?.length ?? 0) - (b.data?.length ?? 0) || a.name.localeCompare(b.name),
  );
  let total = 0;
  for (const e of order) {
    if (e.type === 'symlink') {
      unreadable[e.name] = `a symbolic link (to "${e.linkname ?? ''}"), which Berth never follows`;
      continue;
    }
    const data = e.data ?? Buffer.alloc(0);
    if (data.length > max) {
      unreadable[e.name] = `larger than ${Math.round(max / 1024)} KiB`;
      continue;
    }
    const text = asText(data);
    if (text === null) {
      unreadable[e.name] = 'not a UTF-8 text file';
      continue;
    }
    if (total + data.length > totalMax) {
      unreadable[e.name] = `past the ${Math.round(totalMax / 1024 / 1024)} MiB of text Berth reads from a folder for env_file`;
      continue;
    }
    total += data.length;
    files[e.name] = text;
  }
  return { files, unreadable, listing };
}

/** What the folder holds, for the message about a missing env file (the typed .env first, long folders cut short). */
function holds(folder: FolderFiles): string {
  const names = folder.listing.filter((n) => n !== '.env');
  const shown = names.slice(0, LISTED).join(', ');
  const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : '';
  const ownEnv = folder.listing.includes('.env') ? "; the folder's own .env is not read" : '';
  return `.env (typed in the editor${ownEnv})${shown ? `, ${shown}` : ''}${more}`;
}

/** The message for an env_file that names no readable file of the folder; null when that is no problem here. */
export function missingEnvFileMessage(raw: string, path: string, map: EnvFileMap): string | null {
  const folder = map[FOLDER];
  if (!folder) return `env_file "${raw}" is not in the stack's folder (it holds: ${Object.keys(map).join(', ') || 'no files'})`;
  if (Object.hasOwn(folder.unreadable, path))
    return `env_file "${raw}" is in the stack's folder but is ${folder.unreadable[path]}; env_file reads regular UTF-8 text files of at most ${Math.round(ENV_FILE_MAX_BYTES / 1024)} KiB`;
  if (folder.missingOk) return null;
  if (!folder.archive) {
    return `env_file "${raw}" is not in the stack's folder: the stack has no uploaded folder yet (only the .env typed in the editor). Upload the folder holding ${path} as a .tar or .tar.gz on the stack page (a new stack: save it first)`;
  }
  return `env_file "${raw}" is not in the stack's folder ${folder.archive} (it holds: ${holds(folder)}); add ${path} to the folder and upload it again`;
}

/**
 * env_file entries must name a file in the stack's own folder: the .env typed in the editor, or a text file of the
 * uploaded folder archive (see env-files.ts). Absolute paths and `..` are refused so a stack can never read /etc/shadow
 * or another stack's secrets; "./web.env" and "web.env" are the same file.
 */
export function readEnvFiles(envFile: RawService['env_file'], files: EnvFileMap, report: Report, base: (string | number)[]): string[] {
  const list = envFile === undefined ? [] : Array.isArray(envFile) ? envFile : [envFile];
  const texts: string[] = [];
  list.forEach((entry, i) => {
    const p = typeof entry === 'string' ? entry : entry.path;
    const required = typeof entry === 'string' ? true : entry.required !== false;
    const at = Array.isArray(envFile) ? [...base, i] : base;
    const clean = envFilePath(p);
    if ('error' in clean) {
      if (clean.error === 'absolute') return report(at, `env_file "${p}" is an absolute path; env files must be inside the stack's folder (e.g. .env)`);
      if (clean.error === 'parent') return report(at, `env_file "${p}" leaves the stack's folder ("..") ; env files must be inside it`);
      return report(at, "env_file names no file; give a path inside the stack's folder (e.g. .env)");
    }
    if (!Object.hasOwn(files, clean.path)) {
      const message = required ? missingEnvFileMessage(p, clean.path, files) : null;
      if (message) report(at, message);
      return;
    }
    texts.push(files[clean.path]);
  });
  return texts;
}
