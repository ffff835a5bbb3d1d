import { ContainerRef } from '@/lib/schemas/containers';
import { parse, route } from '@/server/http/handler';
import { getContainer } from '@/server/containers/service';

export const dynamic = 'force-dynamic';
type P = { id: string; cid: string };

export const GET = route<P>('read', async ({ params, berth }) => ({
  container: await getContainer(berth, params.id, parse(ContainerRef, params.cid)),
}));
