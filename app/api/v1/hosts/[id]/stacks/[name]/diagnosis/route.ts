import { reply } from '@/lib/api-contract';
import { stackName } from '@/lib/schemas/stacks';
import { maySeeSecrets } from '@/server/auth/sensitive';
import { diagnoseStack } from '@/server/diagnosis/service';
import { parse, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** Why a stack is not healthy: its own hints and each broken container's (server/diagnosis); permissions as for logs. */
export const GET = route<P>('read', async ({ params, berth, principal }) =>
  reply('GET /api/v1/hosts/{id}/stacks/{name}/diagnosis', {
    diagnosis: await diagnoseStack(berth, params.id, parse(stackName, params.name), { canSeeSecrets: maySeeSecrets(principal, params.id) }),
  }),
);
