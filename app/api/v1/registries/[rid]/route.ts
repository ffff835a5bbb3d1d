import { RegistryUpdateSchema } from '@/lib/schemas/registries';
import { parse, readJson, route } from '@/server/http/handler';
import { removeRegistry, updateRegistry } from '@/server/registries/service';

export const dynamic = 'force-dynamic';
type P = { rid: string };

export const PATCH = route<P>('admin', async ({ req, params, berth }) => ({
  registry: await updateRegistry(berth, params.rid, parse(RegistryUpdateSchema, await readJson(req))),
}));

export const DELETE = route<P>('admin', async ({ params, berth }) => removeRegistry(berth, params.rid));
