import { reply } from '@/lib/api-contract';
import { RegistryCreateSchema } from '@/lib/schemas/registries';
import { parse, readJson, route } from '@/server/http/handler';
import { createRegistry, listRegistries } from '@/server/registries/service';

export const dynamic = 'force-dynamic';

export const GET = route('read', async ({ berth }) => reply('GET /api/v1/registries', { registries: await listRegistries(berth) }));

export const POST = route('admin', async ({ req, berth }) =>
  reply('POST /api/v1/registries', { registry: await createRegistry(berth, parse(RegistryCreateSchema, await readJson(req))) }),
);
