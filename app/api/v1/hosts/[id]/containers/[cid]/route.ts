import { reply } from '@/lib/api-contract';
import { ContainerRef } from '@/lib/schemas/containers';
import { HIDDEN_VALUE, isSensitive, maySeeSecrets } from '@/server/auth/sensitive';
import { parse, route } from '@/server/http/handler';
import { getContainer } from '@/server/containers/service';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

export const GET = route<P>('read', async ({ params, berth, principal }) => {
  const container = await getContainer(berth, params.id, parse(ContainerRef, params.cid));
  if (!isSensitive(container.labels) || maySeeSecrets(principal, params.id)) return reply('GET /api/v1/hosts/{id}/containers/{cid}', { container });
  return reply('GET /api/v1/hosts/{id}/containers/{cid}', {
    container: { ...container, env: container.env.map((e) => ({ key: e.key, value: HIDDEN_VALUE })) },
  });
});
