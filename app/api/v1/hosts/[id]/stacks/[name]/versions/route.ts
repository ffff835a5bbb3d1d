import { reply } from '@/lib/api-contract';
import { stackName } from '@/lib/schemas/stacks';
import { parse, route } from '@/server/http/handler';
import { getStackRecord, listVersions } from '@/server/stacks/repo';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

export const GET = route<P>('read', async ({ params, berth }) => {
  const s = await getStackRecord(berth.db, berth.box, params.id, parse(stackName, params.name));
  return reply('GET /api/v1/hosts/{id}/stacks/{name}/versions', { versions: await listVersions(berth.db, s) });
});
