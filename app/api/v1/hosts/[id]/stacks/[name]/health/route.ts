import { reply } from '@/lib/api-contract';
import { stackName } from '@/lib/schemas/stacks';
import { agentStatus } from '@/server/health/agent';
import { stackHealth } from '@/server/health/checker';
import { HealthSettingsSchema, healthSettingsOf, saveHealthSettings } from '@/server/health/settings';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** Health per checked container, each service's x-berth-healthcheck, and how the host's probes run. */
export const GET = route<P>('read', async ({ params, berth }) => {
  const name = parse(stackName, params.name);
  const settings = await healthSettingsOf(berth, params.id, name);
  // how this host's probes run (the health agent, or helpers and why), so a fallback is visible on the page
  return Response.json(
    reply('GET /api/v1/hosts/{id}/stacks/{name}/health', { containers: stackHealth(berth, params.id, name), settings, probes: agentStatus(berth, params.id) }),
  );
});

export const PUT = route<P>('operate', async ({ req, params, berth }) => {
  const name = parse(stackName, params.name);
  const input = parse(HealthSettingsSchema, await readJson(req));
  await saveHealthSettings(berth, params.id, name, input);
  return Response.json(reply('PUT /api/v1/hosts/{id}/stacks/{name}/health', { ok: true, settings: await healthSettingsOf(berth, params.id, name) }));
});
