import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import * as folderRoute from '@/app/api/v1/hosts/[id]/stacks/[name]/folder/route';
import { params, req } from './support';

/** A file's text, or a symbolic link to `symlink`. */
export type FolderEntry = string | { symlink: string };

/** A .tar.gz of a folder as `tar -czf x.tar.gz -C folder .` packs it. */
export async function targz(files: Record<string, FolderEntry>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, v] of Object.entries(files)) {
    if (typeof v === 'string') pack.entry({ name: `./${name}`, mode: 0o644 }, v);
    else pack.entry({ name: `./${name}`, type: 'symlink', linkname: v.symlink, mode: 0o777 });
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

/** Uploads an archive as the stack's folder through its route, serialized as a browser sends it (multipart, with a length). */
export async function uploadFolder(hostId: string, name: string, data: Buffer, fileName = 'project.tar.gz'): Promise<Response> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(data)], fileName));
  const sent = new Response(form);
  const bytes = Buffer.from(await sent.arrayBuffer());
  const headers = { 'content-type': sent.headers.get('content-type')!, 'content-length': String(bytes.length) };
  return folderRoute.POST(req(`/api/v1/hosts/${hostId}/stacks/${name}/folder`, { method: 'POST', body: bytes, headers }), params({ id: hostId, name }));
}
