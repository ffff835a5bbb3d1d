import { reply } from '@/lib/api-contract';
import { AlertActionSchema, alertId } from '@/lib/schemas/alerts';
import { alertFor, resolveByHand } from '@/server/alerts/service';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { aid: string };

export const GET = route<P>('read', async ({ params, berth, principal }) =>
  reply('GET /api/v1/alerts/{aid}', { alert: await alertFor(berth, principal, parse(alertId, params.aid)) }),
);

/**
 * Resolves a firing alert by hand (operator on its host): the condition is known to be over, or the alert is not
 * worth watching. It fires again if the condition comes back.
 */
export const POST = route<P>('read', async ({ req, params, berth, principal }) => {
  parse(AlertActionSchema, await readJson(req));
  return reply('POST /api/v1/alerts/{aid}', { alert: await resolveByHand(berth, principal, parse(alertId, params.aid)) });
});
