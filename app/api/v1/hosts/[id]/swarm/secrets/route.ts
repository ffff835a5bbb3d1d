import { reply } from '@/lib/api-contract';
import { SecretCreateSchema } from '@/lib/schemas/swarm-secrets';
import { parse, route } from '@/server/http/handler';
import { readObjectCreate } from '@/server/http/swarm-object-body';
import { createObject, listObjects } from '@/server/swarm/swarm-objects';

export const dynamic = 'force-dynamic';
type P = { id: string };

/** Never with values: the Engine does not give a secret's value back, and Berth keeps none. */
export const GET = route<P>('read', async ({ params, berth }) =>
  reply('GET /api/v1/hosts/{id}/swarm/secrets', { secrets: await listObjects(berth, params.id, 'secret') }),
);

/*
 * Operate, like creating a network or a volume on the host: a secret is only a file for the services that name it.
 * The value is in `data`, which the audit log drops (server/audit/redact.ts); the answer does not carry it.
 */
export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const input = parse(SecretCreateSchema, await readObjectCreate(req));
  const { item, message } = await createObject(berth, params.id, 'secret', input);
  return Response.json(reply('POST /api/v1/hosts/{id}/swarm/secrets', { ok: true, message, secret: item }), { status: 201 });
});
