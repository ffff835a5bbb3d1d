import { reply } from '@/lib/api-contract';
import { AlertRuleUpdateSchema, alertId } from '@/lib/schemas/alerts';
import { getRule } from '@/server/alerts/rules-repo';
import { removeRule, replaceRule } from '@/server/alerts/service';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { rid: string };

export const GET = route<P>('admin', async ({ params, berth }) =>
  reply('GET /api/v1/alerts/rules/{rid}', { rule: await getRule(berth.db, parse(alertId, params.rid)) }),
);

/** Replaces the rule; when what it watches changes (kind, host, stack, label), its open alerts resolve. */
export const PUT = route<P>('admin', async ({ req, params, berth }) =>
  reply('PUT /api/v1/alerts/rules/{rid}', {
    rule: await replaceRule(berth, parse(alertId, params.rid), parse(AlertRuleUpdateSchema, await readJson(req))),
  }),
);

/** Deletes the rule; its open alerts resolve, its history stays. */
export const DELETE = route<P>('admin', async ({ params, berth }) => {
  const id = parse(alertId, params.rid);
  await removeRule(berth, id);
  return reply('DELETE /api/v1/alerts/rules/{rid}', { ok: true, message: `Alert rule ${id} deleted; its open alerts are resolved` });
});
