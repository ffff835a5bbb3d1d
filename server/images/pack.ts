import type * as tar from 'tar-stream';

/** Finalizes a tar-stream pack and collects it into one buffer (build contexts are sent whole). */
export function packed(pack: tar.Pack): Promise<Buffer> {
  pack.finalize();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pack.on('data', (c) => chunks.push(c as Buffer));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
}
