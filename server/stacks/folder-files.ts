import fs from 'node:fs/promises';
import { readArchive } from '../compose/build-context';
import { type FolderFiles, NO_FOLDER, selectEnvFiles } from '../compose/env-files';
import type { Berth } from '../berth';
import { folderArchivePath, folderCopyPath, folderInfoById } from './folder';

/**
 * The files of a stack's uploaded folder that env_file may read, read before the (synchronous) compose load. Reading
 * an archive of up to 64 MiB on every plan, deploy or keystroke of the editor would be slow, so the selection is kept
 * per archive, keyed by its inode, size and mtime: an upload writes a new file and renames it over, which changes all three.
 */

const CACHED = 32;
const cache = new Map<string, { stamp: string; value: FolderFiles }>();

/** `sha`: read a kept past folder (the one a deploy snapshotted, or a rollback's version) instead of the current one. */
export async function folderFiles(b: Berth, stackId: string, sha?: string | null): Promise<FolderFiles> {
  const file = sha ? folderCopyPath(b, stackId, sha) : folderArchivePath(b, stackId);
  const st = await fs.stat(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (!st) {
    cache.delete(file);
    return NO_FOLDER;
  }
  const stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
  const hit = cache.get(file);
  if (hit?.stamp === stamp) {
    // most recently used last, so the oldest is dropped first
    cache.delete(file);
    cache.set(file, hit);
    return hit.value;
  }
  const [info, data] = await Promise.all([folderInfoById(b, stackId), fs.readFile(file)]);
  const value: FolderFiles = { archive: info?.name ?? 'folder archive', ...selectEnvFiles(await readArchive(data)) };
  cache.delete(file);
  cache.set(file, { stamp, value });
  while (cache.size > CACHED) cache.delete(cache.keys().next().value!);
  return value;
}
