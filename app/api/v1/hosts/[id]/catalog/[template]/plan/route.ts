import { reply } from '@/lib/api-contract';
import { CatalogPlanSchema, templateId } from '@/lib/schemas/catalog';
import { planTemplate } from '@/server/catalog/service';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { id: string; template: string };

/**
 * The launch's plan step: what deploying the template with these answers as a new stack would create on the host, and
 * which images it would pull. Saves and changes nothing, so it is not audited.
 */
export const POST = route<P>(
  'operate',
  async ({ req, params, berth, principal }) => {
    const input = parse(CatalogPlanSchema, await readJson(req));
    const plan = await planTemplate(berth, principal, params.id, parse(templateId, decodeURIComponent(params.template)), input);
    return reply('POST /api/v1/hosts/{id}/catalog/{template}/plan', { plan });
  },
  { audit: false },
);
