import { readCapped } from '../images/build-upload';
import { invalid } from '../errors';
import { STACK_FOLDER_MAX_BYTES } from './folder';

/**
 * Reads a folder upload: multipart/form-data with the archive in "file". The body is read only up to the limit, so a
 * huge upload is refused (UploadTooLarge, answered 413) without being held in memory.
 */
export async function readFolderUpload(req: Request, max = STACK_FOLDER_MAX_BYTES): Promise<{ fileName: string; data: Buffer }> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) throw invalid('Send the folder as multipart/form-data with the .tar or .tar.gz archive in the field "file"');
  const body = await readCapped(req, max);
  const form = await new Response(body, { headers: { 'content-type': type } }).formData().catch(() => {
    throw invalid('The upload is not a readable multipart form');
  });
  const file = form.get('file');
  if (!file || typeof file === 'string') throw invalid('Choose the stack folder as a .tar or .tar.gz archive in the field "file"');
  return { fileName: file.name, data: Buffer.from(await file.arrayBuffer()) };
}
