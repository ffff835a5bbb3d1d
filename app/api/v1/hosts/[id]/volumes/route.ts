import { reply } from '@/lib/api-contract';
import { VolumeCreateSchema } from '@/lib/schemas/volumes';
import { enforceVolumePolicy } from '@/server/auth/policy-effective';
import { parse, readJson, route } from '@/server/http/handler';
import { addVolume, getVolumes } from '@/server/volumes/service';

export const dynamic = 'force-dynamic';
type P = { id: string };

// ?sizes=1 asks the Engine to measure every volume (docker system df): slow on big hosts, so only on request
export const GET = route<P>('read', async ({ req, params, berth }) =>
  reply('GET /api/v1/hosts/{id}/volumes', { volumes: await getVolumes(berth, params.id, { sizes: new URL(req.url).searchParams.get('sizes') === '1' }) }),
);

export const POST = route<P>('operate', async ({ req, params, berth, principal }) => {
  const input = parse(VolumeCreateSchema, await readJson(req));
  // A local volume with bind options is a host bind mount by another name.
  await enforceVolumePolicy(berth, principal, params.id, { Name: input.name, Driver: input.driver, DriverOpts: input.driverOpts });
  return Response.json(reply('POST /api/v1/hosts/{id}/volumes', { volume: await addVolume(berth, params.id, input) }), { status: 201 });
});
