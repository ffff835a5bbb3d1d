import { stackName } from '@/lib/schemas/stacks';
import { parse, route } from '@/server/http/handler';
import { getOperation } from '@/server/stacks/operations';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string; opId: string };

/** One operation with per-service progress and its log; poll it while status is "running". */
export const GET = route<P>('read', async ({ params, berth }) => {
  parse(stackName, params.name);
  return { operation: await getOperation(berth.db, params.id, params.opId) };
});
