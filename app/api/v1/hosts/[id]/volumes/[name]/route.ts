import { reply } from '@/lib/api-contract';
import { VolumeRef } from '@/lib/schemas/volumes';
import { parse, route } from '@/server/http/handler';
import { deleteVolume, getVolume } from '@/server/volumes/service';

export const dynamic = 'force-dynamic';
type P = { id: string; name: string };

export const GET = route<P>('read', async ({ params, berth }) => ({ volume: await getVolume(berth, params.id, parse(VolumeRef, params.name)) }));

export const DELETE = route<P>('operate', async ({ params, berth }) =>
  reply('DELETE /api/v1/hosts/{id}/volumes/{name}', await deleteVolume(berth, params.id, parse(VolumeRef, params.name))),
);
