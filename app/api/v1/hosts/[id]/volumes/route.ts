import { VolumeCreateSchema } from '@/lib/schemas/volumes';
import { parse, readJson, route } from '@/server/http/handler';
import { addVolume, getVolumes } from '@/server/volumes/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

export const GET = route<P>('read', async ({ params, berth }) => ({ volumes: await getVolumes(berth, params.id) }));

export const POST = route<P>('operate', async ({ req, params, berth }) => {
  const input = parse(VolumeCreateSchema, await readJson(req));
  return Response.json({ volume: await addVolume(berth, params.id, input) }, { status: 201 });
});
