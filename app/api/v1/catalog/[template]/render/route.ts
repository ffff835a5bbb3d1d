import { reply } from '@/lib/api-contract';
import { CatalogRenderSchema, templateId } from '@/lib/schemas/catalog';
import { renderTemplate } from '@/server/catalog/service';
import { parse, readJson, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { template: string };

/**
 * The compose file a launch with these answers deploys (the Preview), validated as a stack file. Passwords appear as
 * ${variable} references to the stack's sealed .env, never as text. Changes nothing, so it is not audited.
 */
export const POST = route<P>(
  'self',
  async ({ req, params, berth, principal }) => {
    const input = parse(CatalogRenderSchema, await readJson(req));
    return reply(
      'POST /api/v1/catalog/{template}/render',
      await renderTemplate(berth, principal, parse(templateId, decodeURIComponent(params.template)), input),
    );
  },
  { audit: false },
);
