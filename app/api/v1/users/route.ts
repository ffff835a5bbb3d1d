import { reply } from '@/lib/api-contract';
import { UserCreateSchema } from '@/lib/schemas/auth';
import { addLocalUser, listUsers } from '@/server/auth/admin';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Local users and the GitHub users seen so far, with their roles and last sign-in. */
export const GET = route('admin', async ({ berth }) => reply('GET /api/v1/users', { users: await listUsers(berth) }));

export const POST = route('admin', async ({ req, berth }) =>
  Response.json(reply('POST /api/v1/users', { user: await addLocalUser(berth, parse(UserCreateSchema, await readJson(req))) }), { status: 201 }),
);
