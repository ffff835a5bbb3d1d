import { reply } from '@/lib/api-contract';
import { StackUpgradeSchema } from '@/lib/schemas/stacks-upgrade';
import { stackName } from '@/lib/schemas/stacks';
import { parse, readJson, route } from '@/server/http/handler';
import { getStackRecord } from '@/server/stacks/repo';
import { pendingUpgrade, startUpgrade } from '@/server/stacks/upgrade';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** The upgrade waiting for Finish or Rollback, if any. */
export const GET = route<P>('read', async ({ params, berth }) => {
  const name = parse(stackName, params.name);
  await getStackRecord(berth.db, berth.box, params.id, name);
  const pending = await pendingUpgrade(berth.fleet.reachable(params.id).engine, name);
  return Response.json(
    reply('GET /api/v1/hosts/{id}/stacks/{name}/upgrade', {
      pending: pending.old.length > 0,
      service: pending.service,
      old: pending.old.map((o) => ({ name: o.name, originalName: o.originalName })),
    }),
  );
});

export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(StackUpgradeSchema, await readJson(req));
  const operation = await startUpgrade(berth, principal, params.id, parse(stackName, params.name), input);
  return Response.json(reply('POST /api/v1/hosts/{id}/stacks/{name}/upgrade', { operation }), { status: input.wait ? 200 : 202 });
});
