import { reply } from '@/lib/api-contract';
import { GrantCreateSchema } from '@/lib/schemas/auth';
import { addGrant, listGrants } from '@/server/auth/admin';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Who holds which role on which host: local users, GitHub users and GitHub teams (org/team). */
export const GET = route('admin', async ({ berth }) => reply('GET /api/v1/grants', { grants: await listGrants(berth) }));

export const POST = route('admin', async ({ req, berth }) =>
  Response.json(reply('POST /api/v1/grants', { grant: await addGrant(berth, parse(GrantCreateSchema, await readJson(req))) }), { status: 201 }),
);
