import { invalid } from '../errors';
import { readJson } from './handler';

const MAX_UPLOAD = 2 * 1024 * 1024;

/**
 * The body of POST …/swarm/secrets and …/swarm/configs: JSON ({name, data, encoding?, labels?}), or a multipart
 * form with the fields name, file (the value's bytes) and labels (JSON, optional), as `curl -F file=@key.pem` sends
 * it. Either becomes the same input for the one schema; the audit log keeps only a multipart body's type and size.
 */
export async function readObjectCreate(req: Request): Promise<unknown> {
  if (!(req.headers.get('content-type') ?? '').startsWith('multipart/form-data')) return readJson(req);
  if (Number(req.headers.get('content-length') ?? '0') > MAX_UPLOAD)
    throw invalid('The upload is larger than 2 MiB: a secret must be smaller than 500 KiB, a config than 1000 KiB');
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw invalid('The multipart form could not be read: send the fields name and file (and labels as JSON)');
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') throw invalid('The form has no file field: send the value as a file named "file"');
  const labels = form.get('labels');
  let parsedLabels: unknown;
  if (typeof labels === 'string' && labels.trim()) {
    try {
      parsedLabels = JSON.parse(labels);
    } catch {
      throw invalid('labels must be JSON, e.g. {"team": "shop"}');
    }
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  return { name: form.get('name') ?? '', data: bytes.toString('base64'), encoding: 'base64', ...(parsedLabels !== undefined ? { labels: parsedLabels } : {}) };
}
