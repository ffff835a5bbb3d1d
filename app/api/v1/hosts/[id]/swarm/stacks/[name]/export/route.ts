import { swarmStackName } from '@/lib/schemas/swarm-stacks';
import { parse, route } from '@/server/http/handler';
import { exportSwarmStack } from '@/server/swarm/stack-export';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** The running stack as a compose file that deploys the same (secrets as external: their data is never read back). */
export const GET = route<P>('read', async ({ params, berth }) => {
  const name = parse(swarmStackName, params.name);
  const text = await exportSwarmStack(berth, params.id, name);
  return new Response(text, {
    headers: { 'content-type': 'application/yaml; charset=utf-8', 'content-disposition': `attachment; filename="${name}-stack.yml"` },
  });
});
