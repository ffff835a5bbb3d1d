import type { ImageListQuery, ImagePrune, ImageRemoveQuery } from '@/lib/schemas/images';
import type { ContainerSummary, ImageDetail, ImageSummary, PruneResult, RemoveResult } from '@/lib/types';
import type { Berth } from '../berth';
import { listContainers } from '../docker/containers';
import { inspectImage, listImages, pruneImages, removeImage, tagImage } from '../docker/images';
import type { HostRuntime } from '../live/host-runtime';

/** "Used by" comes from the live cache (no extra Engine call); before the first sync, from one list call. */
async function containersOf(rt: HostRuntime): Promise<ContainerSummary[]> {
  return rt.synced ? [...rt.containers.values()] : listContainers(rt);
}

export async function getImages(b: Berth, hostId: string, q: ImageListQuery): Promise<ImageSummary[]> {
  const rt = b.fleet.reachable(hostId);
  return listImages(rt, await containersOf(rt), q);
}

export async function getImage(b: Berth, hostId: string, ref: string): Promise<ImageDetail> {
  const rt = b.fleet.reachable(hostId);
  return inspectImage(rt, ref, await containersOf(rt));
}

export async function deleteImage(b: Berth, hostId: string, iid: string, q: ImageRemoveQuery): Promise<RemoveResult> {
  return removeImage(b.fleet.reachable(hostId), iid, q);
}

export async function addImageTag(b: Berth, hostId: string, iid: string, ref: string) {
  return tagImage(b.fleet.reachable(hostId).engine, iid, ref);
}

export async function pruneDanglingImages(b: Berth, hostId: string, input: ImagePrune): Promise<PruneResult> {
  return pruneImages(b.fleet.reachable(hostId).engine, input.labels);
}
