import { reply } from '@/lib/api-contract';
import { revokeToken } from '@/server/auth/tokens';
import { route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

export const DELETE = route<{ tid: string }>('self', async ({ berth, principal, params }) => {
  await revokeToken(berth.db, principal.userId, params.tid);
  return reply('DELETE /api/v1/auth/tokens/{tid}', { ok: true });
});
