import { reply } from '@/lib/api-contract';
import { StackDeploySchema, stackName } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { planFor } from '@/server/stacks/service';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** What a deploy would change (of the stored file, or of the file in the body). Changes nothing, so it is not audited. */
export const POST = route<P>(
  'operate',
  async ({ req, params, berth }) => {
    const input = parse(StackDeploySchema, await readJson(req));
    return reply('POST /api/v1/hosts/{id}/stacks/{name}/plan', { plan: await planFor(berth, params.id, parse(stackName, params.name), input) });
  },
  { audit: false },
);
