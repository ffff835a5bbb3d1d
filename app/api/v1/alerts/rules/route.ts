import { reply } from '@/lib/api-contract';
import { AlertRuleCreateSchema } from '@/lib/schemas/alerts';
import { listRules } from '@/server/alerts/rules-repo';
import { createRule } from '@/server/alerts/service';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

// admin only, reading included: rules span hosts and name the channels alerts go to
export const GET = route('admin', async ({ berth }) => reply('GET /api/v1/alerts/rules', { rules: await listRules(berth.db) }));

export const POST = route('admin', async ({ req, berth }) => {
  const rule = await createRule(berth, parse(AlertRuleCreateSchema, await readJson(req)));
  return Response.json(reply('POST /api/v1/alerts/rules', { rule }), { status: 201 });
});
