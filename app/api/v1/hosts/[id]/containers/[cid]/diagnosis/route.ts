import { reply } from '@/lib/api-contract';
import { ContainerRef } from '@/lib/schemas/containers';
import { maySeeSecrets } from '@/server/auth/sensitive';
import { diagnoseContainer } from '@/server/diagnosis/service';
import { parse, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

/**
 * Why a container is not healthy, in hints (server/diagnosis). The read role, as the logs route: the hints quote
 * the last log lines, which a sensitive container shows only to operators and admins of the host.
 */
export const GET = route<P>('read', async ({ params, berth, principal }) =>
  reply('GET /api/v1/hosts/{id}/containers/{cid}/diagnosis', {
    diagnosis: await diagnoseContainer(berth, params.id, parse(ContainerRef, params.cid), { canSeeSecrets: maySeeSecrets(principal, params.id) }),
  }),
);
