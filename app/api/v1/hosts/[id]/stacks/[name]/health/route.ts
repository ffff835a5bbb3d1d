import { stackName } from '@/lib/schemas/stacks';
import { stackHealth } from '@/server/health/checker';
import { HealthSettingsSchema, healthSettingsOf, saveHealthSettings } from '@/server/health/settings';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** Health per checked container, and each service's x-berth-healthcheck. */
export const GET = route<P>('read', async ({ params, berth }) => {
  const name = parse(stackName, params.name);
  const settings = await healthSettingsOf(berth, params.id, name);
  return Response.json({ containers: stackHealth(params.id, name), settings });
});

export const PUT = route<P>('operate', async ({ req, params, berth }) => {
  const name = parse(stackName, params.name);
  const input = parse(HealthSettingsSchema, await readJson(req));
  await saveHealthSettings(berth, params.id, name, input);
  return Response.json({ ok: true, settings: await healthSettingsOf(berth, params.id, name) });
});
