import { reply } from '@/lib/api-contract';
import { CatalogDeploySchema, templateId } from '@/lib/schemas/catalog';
import { deployTemplate } from '@/server/catalog/service';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; template: string };

/**
 * Launches a template as a new stack on the host (operators; administrator-only templates need an admin): 202 with the
 * deploy operation to follow, or with wait: true 201 when it has finished. A refused or failed first deploy leaves no
 * stack behind.
 */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(CatalogDeploySchema, await readJson(req));
  const { operation } = await deployTemplate(berth, principal, params.id, parse(templateId, decodeURIComponent(params.template)), input);
  return Response.json(reply('POST /api/v1/hosts/{id}/catalog/{template}/deploy', { stack: { name: input.stack, hostId: params.id }, operation }), {
    status: input.wait ? 201 : 202,
  });
});
