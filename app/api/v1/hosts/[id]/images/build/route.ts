import { reply } from '@/lib/api-contract';
import { queryOf, route } from '@/server/http/handler';
import { startBuildTask } from '@/server/images/build';
import { readBuildUpload, UploadTooLarge } from '@/server/images/build-upload';

export const dynamic = 'force-dynamic';
type P = { id: string };

/**
 * Builds from an uploaded Dockerfile or context archive (multipart form, see readBuildUpload) as a background task
 * and answers with the task at once; `?wait=true` answers when the build ended, with its result or error.
 */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  let upload;
  try {
    upload = await readBuildUpload(req);
  } catch (e) {
    if (e instanceof UploadTooLarge) return Response.json({ error: { kind: e.kind, message: e.message } }, { status: 413 });
    throw e;
  }
  const { task, done } = startBuildTask(berth, params.id, upload.source, upload.options, { by: principal.name, fileName: upload.fileName });
  if (queryOf(req).wait === 'true') return reply('POST /api/v1/hosts/{id}/images/build', { task, result: await done });
  return reply('POST /api/v1/hosts/{id}/images/build', { task });
});
