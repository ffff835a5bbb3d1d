import { reply } from '@/lib/api-contract';
import { ContainerRef } from '@/lib/schemas/containers';
import { LaunchInputQuerySchema } from '@/lib/schemas/launch';
import { HIDDEN_VALUE, maySeeSecrets } from '@/server/auth/sensitive';
import { readLaunchInput } from '@/server/containers/recreate';
import { parse, queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

/** A container's settings as launch input, to prefill "Duplicate" and "Edit & recreate". */
export const GET = route<P>('read', async ({ req, params, berth, principal }) => {
  const { mode } = parse(LaunchInputQuerySchema, queryOf(req));
  const launch = await readLaunchInput(berth, params.id, parse(ContainerRef, params.cid), mode);
  // As on the detail page: a viewer sees which variables a sensitive container has, not their values.
  if (!launch.sensitive || maySeeSecrets(principal, params.id)) return reply('GET /api/v1/hosts/{id}/containers/{cid}/launch-input', { launch });
  // Log options can hold credentials too (splunk-token, …).
  const logOptions = launch.logOptions.map((o) => `${o.slice(0, o.indexOf('='))}=${HIDDEN_VALUE}`);
  return reply('GET /api/v1/hosts/{id}/containers/{cid}/launch-input', {
    launch: { ...launch, env: launch.env.map((e) => ({ key: e.key, value: HIDDEN_VALUE })), logOptions },
  });
});
