import { reply } from '@/lib/api-contract';
import { UserUpdateSchema } from '@/lib/schemas/auth';
import { updateUser } from '@/server/auth/admin';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** Disable or enable a user (disabling revokes their sessions at once), or set a local user's password. */
export const PATCH = route<{ uid: string }>('admin', async ({ req, berth, principal, params }) =>
  reply('PATCH /api/v1/users/{uid}', { user: await updateUser(berth, principal, params.uid, parse(UserUpdateSchema, await readJson(req))) }),
);
