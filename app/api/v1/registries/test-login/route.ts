import { reply } from '@/lib/api-contract';
import { RegistryLoginTestSchema } from '@/lib/schemas/registries';
import { parse, readJson, route } from '@/server/http/handler';
import { testRegistryLogin } from '@/server/registries/service';

export const dynamic = 'force-dynamic';

export const POST = route('admin', async ({ req, berth }) =>
  reply('POST /api/v1/registries/test-login', await testRegistryLogin(berth, parse(RegistryLoginTestSchema, await readJson(req)))),
);
