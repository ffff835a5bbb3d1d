import { BUILD_UPLOAD_MAX_BYTES, type BuildOptions, BuildOptionsSchema } from '@/lib/schemas/build';
import { formatBytes } from '@/lib/format';
import { BerthError, invalid } from '../errors';
import { parse } from '../http/handler';
import { type BuildSource, sourceOf } from './build';

export interface BuildUpload {
  fileName: string;
  source: BuildSource;
  options: BuildOptions;
}

/** The upload is over the limit: the route answers 413 with this message. */
export class UploadTooLarge extends BerthError {
  constructor(size: number | null, max: number) {
    super(
      'invalid',
      `The upload${size ? ` is ${formatBytes(size)}, which` : ''} is larger than the limit of ${formatBytes(max)}: leave big files (build output, dependencies, .git) out of the context archive`,
    );
  }
}

/** Reads the body, stopping as soon as it passes `max` bytes, so a huge upload is refused without being held. */
export async function readCapped(req: Request, max: number): Promise<Blob> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw new UploadTooLarge(declared, max);
  if (!req.body) return new Blob([]);
  // Web stream chunks are plain ArrayBuffer-backed bytes; the cast only narrows the typed-array generic.
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new UploadTooLarge(null, max);
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  return new Blob(chunks);
}

/**
 * A build request: multipart/form-data with the file in "file" (a Dockerfile, or a .tar / .tar.gz context) and the
 * options as fields: tag, target, dockerfile, buildArgs (a JSON object).
 */
export async function readBuildUpload(req: Request, max = BUILD_UPLOAD_MAX_BYTES): Promise<BuildUpload> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) throw invalid('Send the build as multipart/form-data: the Dockerfile or context archive in the field "file"');
  const body = await readCapped(req, max);
  const form = await new Response(body, { headers: { 'content-type': type } }).formData().catch(() => {
    throw invalid('The upload is not a readable multipart form');
  });
  const file = form.get('file');
  if (!file || typeof file === 'string') throw invalid('Choose a Dockerfile or a context archive (.tar, .tar.gz) to upload in the field "file"');
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  let buildArgs: unknown;
  const rawArgs = text('buildArgs');
  if (rawArgs) {
    try {
      buildArgs = JSON.parse(rawArgs);
    } catch {
      throw invalid('buildArgs must be a JSON object like {"VERSION": "1.2"}');
    }
  }
  const options = parse(BuildOptionsSchema, { tag: text('tag'), target: text('target'), dockerfile: text('dockerfile'), buildArgs });
  return { fileName: file.name, source: sourceOf(file.name, Buffer.from(await file.arrayBuffer())), options };
}
