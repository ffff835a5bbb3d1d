import { reply } from '@/lib/api-contract';
import { RegistryUpdateSchema } from '@/lib/schemas/registries';
import { parse, readJson, route } from '@/server/http/handler';
import { removeRegistry, updateRegistry } from '@/server/registries/service';

export const dynamic = 'force-dynamic';
type P = { rid: string };

export const PATCH = route<P>('admin', async ({ req, params, berth }) =>
  reply('PATCH /api/v1/registries/{rid}', { registry: await updateRegistry(berth, params.rid, parse(RegistryUpdateSchema, await readJson(req))) }),
);

export const DELETE = route<P>('admin', async ({ params, berth }) => reply('DELETE /api/v1/registries/{rid}', await removeRegistry(berth, params.rid)));
