import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import dockerignore from '@balena/dockerignore';
import * as tar from 'tar-stream';
import { formatBytes } from '@/lib/format';
import { invalid } from '../errors';
import { packed } from '../images/pack';
import { stableJson } from './labels';
import type { BuildSpec } from './model';

/**
 * Build contexts: a folder of the stack's uploaded archive, or a directory on the Berth server, read into a list of
 * entries, re-packed as the tar the Engine's builder reads, and summed up in a digest that says whether a rebuild is due.
 */

export interface ContextEntry {
  /** path inside the context, "/"-separated, no leading "./" */
  name: string;
  type: 'file' | 'directory' | 'symlink';
  mode: number;
  mtime: Date;
  data?: Buffer;
  linkname?: string;
}

/** The label a built image carries: the digest of what it was built from. */
export const BUILD_DIGEST_LABEL = 'io.berth.build-digest';

/** "./a//b/" → "a/b"; null when the name leaves the archive ("..") or is empty. */
export function entryName(raw: string): string | null {
  const segs = raw
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s && s !== '.');
  if (segs.includes('..')) return null;
  return segs.join('/') || null;
}

/**
 * Every entry of a tar or tar.gz archive. Names with ".." are refused with the entry named (an archive must not write
 * outside its folder); hard links become copies of their target, and devices and fifos are left out.
 */
export async function readArchive(data: Buffer): Promise<ContextEntry[]> {
  const gz = data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;
  const extract = tar.extract();
  const out: ContextEntry[] = [];
  const byName = new Map<string, ContextEntry>();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (h, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c) => chunks.push(c as Buffer));
      stream.on('error', reject);
      stream.on('end', () => {
        const name = entryName(h.name);
        if (name === null && h.name.replace(/[./]/g, ''))
          return reject(invalid(`The archive entry "${h.name}" leaves the folder (".."); pack the folder with "tar -czf stack.tar.gz -C <folder> ."`));
        if (name) {
          const base = { name, mode: h.mode ?? 0o644, mtime: h.mtime ?? new Date(0) };
          let e: ContextEntry | null = null;
          if (h.type === 'file' || h.type === 'contiguous-file') e = { ...base, type: 'file', data: Buffer.concat(chunks) };
          else if (h.type === 'directory') e = { ...base, type: 'directory' };
          else if (h.type === 'symlink') e = { ...base, type: 'symlink', linkname: h.linkname ?? '' };
          else if (h.type === 'link') {
            const target = byName.get(entryName(h.linkname ?? '') ?? '');
            if (target?.type === 'file') e = { ...base, type: 'file', data: target.data };
          }
          if (e) {
            if (!byName.has(name)) out.push(e);
            else out[out.findIndex((x) => x.name === name)] = e;
            byName.set(name, e);
          }
        }
        next();
      });
      stream.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', (e: Error) => reject(invalid(`The archive could not be read (${e.message}); upload a .tar or .tar.gz of the folder`)));
  });
  const src = Readable.from([data]);
  if (gz) {
    const gunzip = createGunzip();
    gunzip.on('error', (e) => extract.destroy(e));
    src.pipe(gunzip).pipe(extract);
  } else src.pipe(extract);
  await done;
  return out;
}

/** The entries under `folder` ("" or "." = all), renamed relative to it; null when the archive has no such folder. */
export function subtree(entries: ContextEntry[], folder: string): ContextEntry[] | null {
  const f = entryName(folder) ?? '';
  if (!f) return entries;
  const prefix = `${f}/`;
  const out = entries.filter((e) => e.name.startsWith(prefix)).map((e) => ({ ...e, name: e.name.slice(prefix.length) }));
  if (!out.length && !entries.some((e) => e.name === f && e.type === 'directory')) return null;
  return out;
}

/**
 * Walks a directory of the Berth server (lstat: symlinks stay links, never followed), stopping past `max` bytes.
 * Devices, sockets and fifos are left out.
 */
export async function readDirectory(root: string, max: number): Promise<ContextEntry[]> {
  const out: ContextEntry[] = [];
  let total = 0;
  const walk = async (rel: string) => {
    const dir = path.join(root, rel);
    for (const d of (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const name = rel ? `${rel}/${d.name}` : d.name;
      const full = path.join(dir, d.name);
      const st = await fs.lstat(full);
      const base = { name, mode: st.mode & 0o7777, mtime: st.mtime };
      if (st.isDirectory()) {
        out.push({ ...base, type: 'directory' });
        await walk(name);
      } else if (st.isSymbolicLink()) out.push({ ...base, type: 'symlink', linkname: await fs.readlink(full) });
      else if (st.isFile()) {
        total += st.size;
        if (total > max) throw invalid(`The build context ${root} is larger than ${formatBytes(max)}; build from a smaller folder`);
        out.push({ ...base, type: 'file', data: await fs.readFile(full) });
      }
    }
  };
  await walk('');
  return out;
}

/**
 * Leaves out what the context's .dockerignore excludes, as the docker CLI and docker-compose do before sending a
 * context (the Engine's builder does not apply it), so node_modules or .git are neither sent nor part of the digest.
 * The Dockerfile and .dockerignore itself always stay: the builder reads them.
 */
export function applyDockerignore(entries: ContextEntry[], dockerfile: string): ContextEntry[] {
  const file = entries.find((e) => e.name === '.dockerignore' && e.type === 'file');
  if (!file?.data) return entries;
  const rules = dockerignore().add(file.data.toString('utf8').split(/\r?\n/));
  return entries.filter((e) => e.name === dockerfile || e.name === '.dockerignore' || !rules.ignores(e.name));
}

/** The entries as an uncompressed tar, the way the Engine's POST /build wants its context. */
export function packEntries(entries: ContextEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    const h = { name: e.name, mode: e.mode, mtime: e.mtime };
    if (e.type === 'file') pack.entry({ ...h, type: 'file' }, e.data ?? Buffer.alloc(0));
    else if (e.type === 'directory') pack.entry({ ...h, type: 'directory' });
    else pack.entry({ ...h, type: 'symlink', linkname: e.linkname ?? '' });
  }
  return packed(pack);
}

const sha = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

/**
 * What an image is built from, as one sha256: every entry's name, type, permissions and content (not times or owners,
 * so packing the same folder again gives the same digest), and the Dockerfile path, args, target and labels.
 */
export function buildDigest(entries: ContextEntry[], spec: Pick<BuildSpec, 'dockerfile' | 'args' | 'target' | 'labels'>): string {
  const files = [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => [e.name, e.type, e.mode & 0o777, e.type === 'file' ? sha(e.data ?? Buffer.alloc(0)) : (e.linkname ?? '')]);
  return sha(stableJson({ files, dockerfile: spec.dockerfile ?? 'Dockerfile', args: spec.args, target: spec.target, labels: spec.labels }));
}
