import { reply } from '@/lib/api-contract';
import { stackName } from '@/lib/schemas/stacks';
import { parse, route } from '@/server/http/handler';
import { adoptStack } from '@/server/stacks/adopt';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** Takes an external compose project (found by its labels) into Berth; its containers keep running. */
export const POST = route<P>('operate', async ({ params, berth }) => {
  const r = await adoptStack(berth, params.id, parse(stackName, params.name));
  return Response.json(
    reply('POST /api/v1/hosts/{id}/stacks/{name}/adopt', {
      stack: { name: r.stack.name, hostId: r.stack.hostId },
      source: r.source,
      message: `Adopted ${r.stack.name}: ${r.note}`,
    }),
    { status: 201 },
  );
});
