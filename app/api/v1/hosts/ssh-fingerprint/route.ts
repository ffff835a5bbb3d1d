import { reply } from '@/lib/api-contract';
import { SshProbeSchema } from '@/lib/schemas/hosts';
import { parse, readJson, route } from '@/server/http/handler';
import { probeSsh } from '@/server/hosts/service';

export const dynamic = 'force-dynamic';

/** Reads an SSH server's host key so the user can confirm it before Berth sends any credentials there. */
export const POST = route('admin', async ({ req, berth }) =>
  reply('POST /api/v1/hosts/ssh-fingerprint', await probeSsh(parse(SshProbeSchema, await readJson(req)), berth.config)),
);
