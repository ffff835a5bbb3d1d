import { reply } from '@/lib/api-contract';
import { removeGrant } from '@/server/auth/admin';
import { route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

export const DELETE = route<{ gid: string }>('admin', async ({ berth, params }) => {
  await removeGrant(berth, params.gid);
  return reply('DELETE /api/v1/grants/{gid}', { ok: true });
});
