import type { ContainerAction, ContainerActionBody } from '@/lib/schemas/containers';
import type { ContainerDetail } from '@/lib/types';
import type { Berth } from '../berth';
import { inspectContainer, runAction } from '../docker/containers';

/** Container reads and actions for one host; the live cache learns of the result from the Engine's own events. */
export async function getContainer(b: Berth, hostId: string, id: string): Promise<ContainerDetail> {
  return inspectContainer(b.fleet.runtime(hostId), id);
}

export async function containerAction(
  b: Berth,
  hostId: string,
  id: string,
  action: ContainerAction,
  body: ContainerActionBody,
): Promise<{ ok: true; message: string }> {
  return runAction(b.fleet.runtime(hostId), id, action, body);
}
