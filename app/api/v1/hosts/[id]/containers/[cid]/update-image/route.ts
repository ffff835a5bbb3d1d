import { reply } from '@/lib/api-contract';
import { ContainerRef } from '@/lib/schemas/containers';
import { ContainerImageUpdateSchema } from '@/lib/schemas/image-updates';
import { parse, readJson, route } from '@/server/http/handler';
import { updateContainerImage } from '@/server/images/update-apply';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

/**
 * Update: the registry's newer image under the container's reference is pulled and the container recreated with its
 * settings kept; a stack service is deployed through the plan instead (or rolled, when it has a health check).
 */
export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(ContainerImageUpdateSchema, await readJson(req));
  const result = await updateContainerImage(berth, principal, params.id, parse(ContainerRef, params.cid), input.wait);
  return Response.json(reply('POST /api/v1/hosts/{id}/containers/{cid}/update-image', result), { status: input.wait ? 200 : 202 });
});
