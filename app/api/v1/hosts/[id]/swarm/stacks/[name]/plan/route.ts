import { reply } from '@/lib/api-contract';
import { SwarmStackPlanSchema, swarmStackName } from '@/lib/schemas/swarm-stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { planSwarmStack } from '@/server/swarm/stack-deploy';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** What deploying this file would do: per service create, update, remove or unchanged. Changes nothing: not audited. */
export const POST = route<P>(
  'operate',
  async ({ req, params, berth }) => {
    const input = parse(SwarmStackPlanSchema, await readJson(req));
    return reply('POST /api/v1/hosts/{id}/swarm/stacks/{name}/plan', {
      plan: await planSwarmStack(berth, params.id, parse(swarmStackName, params.name), input),
    });
  },
  { audit: false },
);
