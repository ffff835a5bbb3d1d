import { reply } from '@/lib/api-contract';
import { stackName } from '@/lib/schemas/stacks';
import type { OperationView } from '@/lib/compose-types';
import { parse, route } from '@/server/http/handler';
import { getOperation, liveOperation } from '@/server/stacks/operations';
import { sseResponse } from '@/server/http/sse';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string; opId: string };

/**
 * One operation with per-service progress and its log. With Accept: text/event-stream, server-sent events of the
 * whole OperationView at every step (throttled to 4 a second), ending after the final state; else JSON to poll.
 */
export const GET = route<P>('read', async ({ req, params, berth }) => {
  parse(stackName, params.name);
  const view = await getOperation(berth, params.id, params.opId);
  if (!(req.headers.get('accept') ?? '').includes('text/event-stream'))
    return reply('GET /api/v1/hosts/{id}/stacks/{name}/operations/{opId}', { operation: view });
  return sseResponse<OperationView>(req, (send, close) => {
    send(view);
    const op = liveOperation(berth, params.opId);
    if (!op || view.status !== 'running') {
      close();
      return () => {};
    }
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      send(op.view());
      if (op.status !== 'running') close();
    };
    const off = op.onChange(() => {
      if (op.status !== 'running') flush();
      else timer ??= setTimeout(flush, 250);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  });
});
