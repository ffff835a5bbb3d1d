import { RegistryLoginTestSchema } from '@/lib/schemas/registries';
import { parse, readJson, route } from '@/server/http/handler';
import { testRegistryLogin } from '@/server/registries/service';

export const dynamic = 'force-dynamic';

export const POST = route('admin', async ({ req, berth }) => testRegistryLogin(berth, parse(RegistryLoginTestSchema, await readJson(req))));
