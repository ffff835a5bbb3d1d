import { revokeToken } from '@/server/auth/tokens';
import { route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

export const DELETE = route<{ tid: string }>('self', async ({ berth, principal, params }) => {
  await revokeToken(berth.db, principal.userId, params.tid);
  return { ok: true };
});
