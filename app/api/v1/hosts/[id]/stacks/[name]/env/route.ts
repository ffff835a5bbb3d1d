import { reply } from '@/lib/api-contract';
import { stackName } from '@/lib/schemas/stacks';
import { parse, route } from '@/server/http/handler';
import { getStackRecord } from '@/server/stacks/repo';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** The stack's .env text: it may hold secrets, so only operators (who can deploy with it anyway) read it. */
export const GET = route<P>('operate', async ({ params, berth }) => {
  const s = await getStackRecord(berth.db, berth.box, params.id, parse(stackName, params.name));
  return Response.json(reply('GET /api/v1/hosts/{id}/stacks/{name}/env', { env: s.env }), { headers: { 'cache-control': 'no-store' } });
});
