import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Berth } from '../berth';
import { invalid } from '../errors';
import { folderArchivePath, folderCopyPath, missing } from './folder';
import { recentFolderDigests } from './repo';

/**
 * The stack folder as it was at each deployed version. A deploy keeps a copy of the archive it used, named by its
 * sha256 (`<stack id>@<sha256>.archive` beside the current one, written once per distinct folder), and the version
 * row records that digest; the deploy itself reads that copy, so an upload during it changes nothing. A rollback puts that archive back as the stack's folder
 * before it deploys, so `build:` contexts and `env_file` come from the same folder as the version's file did.
 * Copies used by none of the newest KEEP_VERSIONS versions (and not the current folder) are deleted after each deploy.
 */
export const KEEP_VERSIONS = 10;

const summaryPath = (b: Berth, stackId: string) => folderArchivePath(b, stackId).replace(/\.archive$/, '.json');

/** Keeps a copy of the stack's current folder and returns its digest; null when the stack has no folder. */
export async function snapshotFolder(b: Berth, stackId: string): Promise<string | null> {
  const current = folderArchivePath(b, stackId);
  let data: Buffer;
  try {
    data = await fs.readFile(current);
  } catch (e) {
    if (missing(e)) return null;
    throw e;
  }
  // hashed here, not taken from the summary: an upload replaces the archive and then its summary
  const sha = crypto.createHash('sha256').update(data).digest('hex');
  const snap = folderCopyPath(b, stackId, sha, 'archive');
  if (!(await exists(snap))) {
    const tmp = `${snap}.${crypto.randomUUID()}.tmp`;
    await fs.writeFile(tmp, data, { mode: 0o600 });
    await fs.rename(tmp, snap);
  }
  const summary = await fs.readFile(summaryPath(b, stackId), 'utf8').catch(() => null);
  if (summary) await fs.writeFile(folderCopyPath(b, stackId, sha, 'json'), summary, { mode: 0o600 });
  return sha;
}

/** Refuses a rollback whose folder is no longer kept, before anything happens. */
export async function requireFolderCopy(b: Berth, stackId: string, sha: string, version: number): Promise<void> {
  if (!(await exists(folderCopyPath(b, stackId, sha, 'archive')))) {
    throw invalid(
      `The stack folder version ${version} was deployed with is no longer kept (Berth keeps the folders of the newest ${KEEP_VERSIONS} versions): upload that folder again and deploy version ${version}'s file instead`,
    );
  }
}

/** Makes a kept copy the stack's folder again (a rollback to the version deployed with it succeeded). */
export async function restoreFolder(b: Berth, stackId: string, sha: string): Promise<void> {
  const snap = folderCopyPath(b, stackId, sha, 'archive');
  const current = folderArchivePath(b, stackId);
  const tmp = `${current}.${crypto.randomUUID()}.tmp`;
  await fs.copyFile(snap, tmp);
  await fs.rename(tmp, current);
  const summary = await fs.readFile(folderCopyPath(b, stackId, sha, 'json'), 'utf8').catch(() => null);
  if (summary) await fs.writeFile(summaryPath(b, stackId), summary, { mode: 0o600 });
}

/** Deletes kept copies no recent version needs. */
export async function pruneFolderCopies(b: Berth, stackId: string): Promise<void> {
  const keep = await recentFolderDigests(b.db, stackId, KEEP_VERSIONS);
  await removeCopies(b, stackId, keep);
}

/** Deletes every kept copy of a stack's folder (the stack is being forgotten). */
export async function removeFolderCopies(b: Berth, stackId: string): Promise<void> {
  await removeCopies(b, stackId, new Set());
}

async function removeCopies(b: Berth, stackId: string, keep: Set<string>): Promise<void> {
  const dir = path.dirname(folderArchivePath(b, stackId));
  const names = await fs.readdir(dir).catch((e) => (missing(e) ? [] : Promise.reject(e)));
  const re = new RegExp(`^${stackId}@([a-f0-9]{64})\\.(archive|json)$`);
  for (const n of names) {
    const m = re.exec(n);
    if (m && !keep.has(m[1])) await fs.unlink(path.join(dir, n)).catch((e) => (missing(e) ? undefined : Promise.reject(e)));
  }
}

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );
