import { reply } from '@/lib/api-contract';
import { ServiceRef } from '@/lib/schemas/service-actions';
import { parse, route } from '@/server/http/handler';
import { rollbackService } from '@/server/swarm/service-actions';

export const dynamic = 'force-dynamic';
type P = { id: string; sid: string };

export const POST = route<P>('operate', async ({ params, berth }) =>
  reply('POST /api/v1/hosts/{id}/swarm/services/{sid}/rollback', await rollbackService(berth, params.id, parse(ServiceRef, params.sid))),
);
