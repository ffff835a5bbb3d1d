import { reply } from '@/lib/api-contract';
import { CatalogUpgradeSchema } from '@/lib/schemas/catalog-upgrade';
import { stackName } from '@/lib/schemas/stacks';
import { upgradeCatalogStack } from '@/server/catalog/upgrade';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/**
 * Upgrades a catalog app to a newer template version, keeping its answers (operators; administrator-only templates
 * need an admin). plan: true answers with the plan and changes nothing; else 202 with the deploy operation to follow,
 * or with wait: true 200 when it has finished.
 */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(CatalogUpgradeSchema, await readJson(req));
  const answer = await upgradeCatalogStack(berth, principal, params.id, parse(stackName, params.name), input);
  return Response.json(reply('POST /api/v1/hosts/{id}/stacks/{name}/catalog/upgrade', answer), { status: input.plan || input.wait ? 200 : 202 });
});
