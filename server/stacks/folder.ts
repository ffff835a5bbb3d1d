import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { StackFolderView } from '@/lib/schemas/stack-folder';
import { type ContextEntry, readArchive } from '../compose/build-context';
import type { Berth } from '../berth';
import { invalid } from '../errors';
import { getStackRecord } from './repo';

/**
 * A stack's folder: the project folder a user uploads once as a .tar / .tar.gz, so `build: ./web` has a context and
 * `env_file` has files. It is kept on disk under `<BERTH_DATA_DIR>/stack-folders/<stack id>.archive` (0600), with its
 * summary beside it as JSON; no table, and its content never leaves the server (the API shows names and sizes only).
 */

/** Largest folder archive a stack may have. */
export const STACK_FOLDER_MAX_BYTES = 64 * 1024 * 1024;
const LIST_MAX = 200;

const dirOf = (b: Berth) => path.join(b.config.dataDir, 'stack-folders');
const fileOf = (b: Berth, stackId: string, ext: 'archive' | 'json') => {
  if (!/^[A-Za-z0-9-]+$/.test(stackId)) throw invalid(`Stack id ${stackId} is not a valid id`);
  return path.join(dirOf(b), `${stackId}.${ext}`);
};

/** Where the stack's archive is kept (it may not exist). */
export const folderArchivePath = (b: Berth, stackId: string) => fileOf(b, stackId, 'archive');

/** Where the copy of a past folder (by sha256) is kept for the versions deployed with it (folder-versions.ts). */
export function folderCopyPath(b: Berth, stackId: string, sha: string, ext: 'archive' | 'json' = 'archive'): string {
  if (!/^[a-f0-9]{64}$/.test(sha)) throw invalid(`${sha} is not a folder digest`);
  return fileOf(b, stackId, ext).replace(/\.(archive|json)$/, `@${sha}.${ext}`);
}

/** A file that is not there (ENOENT). */
export const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

/** Checks and stores an uploaded archive as the stack's folder (replacing the previous one). */
export async function saveStackFolder(b: Berth, hostId: string, stackName: string, fileName: string, data: Buffer): Promise<StackFolderView> {
  const stack = await getStackRecord(b.db, b.box, hostId, stackName);
  if (!data.length) throw invalid(`${fileName || 'The upload'} is empty: upload a .tar or .tar.gz of the stack's folder`);
  const gz = data[0] === 0x1f && data[1] === 0x8b;
  const isTar = data.length >= 512 && data.subarray(257, 262).toString('latin1') === 'ustar';
  if (!gz && !isTar) throw invalid(`${fileName || 'The upload'} is not a .tar or .tar.gz archive: create one with "tar -czf stack.tar.gz -C <folder> ."`);
  const entries = await readArchive(data);
  const view = summarize(fileName || 'folder.tar', data, entries);
  await fs.mkdir(dirOf(b), { recursive: true, mode: 0o700 });
  // write then rename, so a deploy reading the folder never sees half an archive
  const tmp = `${fileOf(b, stack.id, 'archive')}.${crypto.randomUUID()}.tmp`;
  await fs.writeFile(tmp, data, { mode: 0o600 });
  await fs.rename(tmp, fileOf(b, stack.id, 'archive'));
  await fs.writeFile(fileOf(b, stack.id, 'json'), JSON.stringify(view), { mode: 0o600 });
  return view;
}

function summarize(name: string, data: Buffer, entries: ContextEntry[]): StackFolderView {
  const files = entries.filter((e) => e.type !== 'directory');
  return {
    name: path.basename(name),
    size: data.length,
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
    uploadedAt: new Date().toISOString(),
    fileCount: files.length,
    files: files.slice(0, LIST_MAX).map((e) => ({ path: e.name, size: e.data?.length ?? 0 })),
    truncated: files.length > LIST_MAX,
  };
}

/** The folder's summary (names and sizes, never content), or null when none was uploaded. */
export async function stackFolderInfo(b: Berth, hostId: string, stackName: string): Promise<StackFolderView | null> {
  const stack = await getStackRecord(b.db, b.box, hostId, stackName);
  return folderInfoById(b, stack.id);
}

export async function folderInfoById(b: Berth, stackId: string): Promise<StackFolderView | null> {
  try {
    return JSON.parse(await fs.readFile(fileOf(b, stackId, 'json'), 'utf8')) as StackFolderView;
  } catch (e) {
    if (missing(e)) return null;
    throw e;
  }
}

/** The archive's entries, for build contexts; null when the stack has no folder. `sha`: a kept past folder instead. */
export async function stackFolderEntries(b: Berth, stackId: string, sha?: string): Promise<{ name: string; entries: ContextEntry[] } | null> {
  const info = await folderInfoById(b, stackId);
  let data: Buffer;
  try {
    data = await fs.readFile(sha ? folderCopyPath(b, stackId, sha) : fileOf(b, stackId, 'archive'));
  } catch (e) {
    if (missing(e)) return null;
    throw e;
  }
  return { name: info?.name ?? 'folder archive', entries: await readArchive(data) };
}

/** Removes the stack's folder; true when there was one. */
export async function removeStackFolderById(b: Berth, stackId: string): Promise<boolean> {
  let had = false;
  for (const ext of ['archive', 'json'] as const) {
    try {
      await fs.unlink(fileOf(b, stackId, ext));
      had = true;
    } catch (e) {
      if (!missing(e)) throw e;
    }
  }
  return had;
}

export async function removeStackFolder(b: Berth, hostId: string, stackName: string): Promise<boolean> {
  const stack = await getStackRecord(b.db, b.box, hostId, stackName);
  return removeStackFolderById(b, stack.id);
}
