import { reply } from '@/lib/api-contract';
import { accountOf } from '@/server/auth/page';
import { route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Who the caller is, and their role on every registered host. */
export const GET = route('self', async ({ principal, berth }) =>
  reply('GET /api/v1/auth/me', {
    account: accountOf(principal),
    roles: Object.fromEntries(berth.fleet.hosts().map((h) => [h.id, principal.roleOn(h.id)])),
  }),
);
