import { stackName } from '@/lib/schemas/stacks';
import { parse, route } from '@/server/http/handler';
import { exportStack } from '@/server/stacks/views';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

/** The stack as compose YAML (replica counts as they run), as a download. */
export const GET = route<P>('read', async ({ params, berth }) => {
  const name = parse(stackName, params.name);
  const text = await exportStack(berth, params.id, name);
  return new Response(text, {
    headers: { 'content-type': 'application/yaml; charset=utf-8', 'content-disposition': `attachment; filename="${name}-docker-compose.yml"` },
  });
});
