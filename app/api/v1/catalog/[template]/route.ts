import { reply } from '@/lib/api-contract';
import { templateId } from '@/lib/schemas/catalog';
import { getTemplate, publicTemplate } from '@/server/catalog/service';
import { parse, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';
type P = { template: string };

/** One template with its versions, questions (no password defaults), compose files and README. */
export const GET = route<P>('self', async ({ params, berth }) =>
  reply('GET /api/v1/catalog/{template}', { template: publicTemplate(await getTemplate(berth, parse(templateId, decodeURIComponent(params.template)))) }),
);
