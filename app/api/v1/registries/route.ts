import { RegistryCreateSchema } from '@/lib/schemas/registries';
import { parse, readJson, route } from '@/server/http/handler';
import { createRegistry, listRegistries } from '@/server/registries/service';

export const dynamic = 'force-dynamic';

export const GET = route('read', async ({ berth }) => ({ registries: await listRegistries(berth) }));

export const POST = route('admin', async ({ req, berth }) => ({
  registry: await createRegistry(berth, parse(RegistryCreateSchema, await readJson(req))),
}));
