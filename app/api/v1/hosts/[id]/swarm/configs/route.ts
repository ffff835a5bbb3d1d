import { reply } from '@/lib/api-contract';
import { ConfigCreateSchema } from '@/lib/schemas/swarm-secrets';
import { parse, route } from '@/server/http/handler';
import { readObjectCreate } from '@/server/http/swarm-object-body';
import { createObject, listObjects } from '@/server/swarm/swarm-objects';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** The list without values (a config's detail has its value: configs are not secret). */
export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/configs', { configs: await listObjects(berth, params.id, 'config') }),
);

/*
 * Operate, like creating a network or a volume on the host: a config is only a file for the services that name it.
 * The value is in `data`, which the audit log drops (server/audit/redact.ts) as it does for secrets.
 */
export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const input = parse(ConfigCreateSchema, await readObjectCreate(req));
  const { item, message } = await createObject(berth, params.id, 'config', input);
  return Response.json(reply('POST /api/v1/hosts/{id}/swarm/configs', { ok: true, message, config: item }), { status: 201 });
});
