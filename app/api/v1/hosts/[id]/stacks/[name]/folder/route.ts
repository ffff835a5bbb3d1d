import { reply } from '@/lib/api-contract';
import { stackName } from '@/lib/schemas/stacks';
import { parse, route } from '@/server/http/handler';
import { UploadTooLarge } from '@/server/images/build-upload';
import { removeStackFolder, saveStackFolder, stackFolderInfo } from '@/server/stacks/folder';
import { readFolderUpload } from '@/server/stacks/folder-upload';
import { plural } from '@/lib/words';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** The stack's uploaded folder: archive name, size, sha256, time and file list (never content); null when none. */
export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/stacks/{name}/folder', { folder: await stackFolderInfo(berth, params.id, parse(stackName, params.name)) }),
);

/** Uploads the stack's folder (multipart, the .tar / .tar.gz in "file"), replacing the previous one; 413 past the limit. */
export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const name = parse(stackName, params.name);
  let upload;
  try {
    upload = await readFolderUpload(req);
  } catch (e) {
    if (e instanceof UploadTooLarge) return Response.json({ error: { kind: e.kind, message: e.message } }, { status: 413 });
    throw e;
  }
  const folder = await saveStackFolder(berth, params.id, name, upload.fileName, upload.data);
  // env_file: .env and ${VAR} read the .env typed in the editor, never the archive's own
  const ownEnv = folder.files.some((f) => f.path === '.env')
    ? '; its .env is not read (the .env typed in the editor is used for ${VAR} and env_file: .env)'
    : '';
  return reply('POST /api/v1/hosts/{id}/stacks/{name}/folder', {
    folder,
    message: `Stored ${folder.name} (${plural(folder.fileCount, 'file')}) as the folder of stack ${name}${ownEnv}`,
  });
});

/** Removes the stack's folder; builds from it fail until another is uploaded. */
export const DELETE = route<P>('operate', async ({ params, berth }) => {
  const name = parse(stackName, params.name);
  const had = await removeStackFolder(berth, params.id, name);
  return reply('DELETE /api/v1/hosts/{id}/stacks/{name}/folder', {
    ok: true,
    message: had ? `Removed the folder of stack ${name}` : `Stack ${name} had no folder`,
  });
});
