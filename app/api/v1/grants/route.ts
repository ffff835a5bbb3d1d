import { GrantCreateSchema } from '@/lib/schemas/auth';
import { addGrant, listGrants } from '@/server/auth/admin';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Who holds which role on which host: local users, GitHub users and GitHub teams (org/team). */
export const GET = route('admin', async ({ berth }) => ({ grants: await listGrants(berth) }));

export const POST = route('admin', async ({ req, berth }) => Response.json({ grant: await addGrant(berth, parse(GrantCreateSchema, await readJson(req))) }, { status: 201 }));
