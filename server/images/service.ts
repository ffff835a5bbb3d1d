import type { ImageListQuery, ImagePrune, ImageRemoveQuery } from '@/lib/schemas/images';
import type { ContainerSummary, ImageDetail, ImageSummary, PruneResult, RemoveResult } from '@/lib/types';
import type { Berth } from '../berth';
import { listContainers } from '../docker/containers';
import { inspectImage, listImages, pruneImages, removeImage, tagImage } from '../docker/images';
import { unreachable } from '../errors';
import type { HostRuntime } from '../live/host-runtime';

/**
 * The runtime of a host that is worth asking: a host the heartbeat found offline is refused at once with its last
 * error, instead of every request waiting out its own deadline on a dead daemon.
 */
export function reachableRuntime(b: Berth, hostId: string): HostRuntime {
  const rt = b.fleet.runtime(hostId);
  if (rt.status === 'offline') {
    throw unreachable(`Host ${rt.record.name} is offline: ${rt.lastError ?? 'its Docker daemon does not answer'}`);
  }
  return rt;
}

/** "Used by" comes from the live cache (no extra Engine call); before the first sync, from one list call. */
async function containersOf(rt: HostRuntime): Promise<ContainerSummary[]> {
  return rt.synced ? [...rt.containers.values()] : listContainers(rt.engine, rt.record.id);
}

export async function getImages(b: Berth, hostId: string, q: ImageListQuery): Promise<ImageSummary[]> {
  const rt = reachableRuntime(b, hostId);
  return listImages(rt.engine, hostId, await containersOf(rt), q);
}

export async function getImage(b: Berth, hostId: string, ref: string): Promise<ImageDetail> {
  const rt = reachableRuntime(b, hostId);
  return inspectImage(rt.engine, hostId, ref, await containersOf(rt));
}

export async function deleteImage(b: Berth, hostId: string, iid: string, q: ImageRemoveQuery): Promise<RemoveResult> {
  return removeImage(reachableRuntime(b, hostId).engine, hostId, iid, q);
}

export async function addImageTag(b: Berth, hostId: string, iid: string, ref: string) {
  return tagImage(reachableRuntime(b, hostId).engine, iid, ref);
}

export async function pruneDanglingImages(b: Berth, hostId: string, input: ImagePrune): Promise<PruneResult> {
  return pruneImages(reachableRuntime(b, hostId).engine, input.labels);
}
