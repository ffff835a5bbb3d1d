import { reply } from '@/lib/api-contract';
import { ContainerActionBodySchema, ContainerActionSchema, ContainerRef } from '@/lib/schemas/containers';
import { parse, readJson, route } from '@/server/http/handler';
import { containerAction } from '@/server/containers/service';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string; action: string };

export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const action = parse(ContainerActionSchema, params.action);
  const body = parse(ContainerActionBodySchema, await readJson(req));
  return reply('POST /api/v1/hosts/{id}/containers/{cid}/{action}', await containerAction(berth, params.id, parse(ContainerRef, params.cid), action, body));
});
