import type { VolumeCreate, VolumePrune } from '@/lib/schemas/volumes';
import type { PruneResult, VolumeSummary } from '@/lib/types';
import type { Berth } from '../berth';
import { createVolume, inspectVolume, listVolumes, pruneVolumes, removeVolume } from '../docker/volumes';

export const getVolumes = (b: Berth, hostId: string, opts: { sizes?: boolean } = {}): Promise<VolumeSummary[]> => listVolumes(b.fleet.reachable(hostId), opts);

export const getVolume = (b: Berth, hostId: string, name: string): Promise<VolumeSummary> => inspectVolume(b.fleet.reachable(hostId), name);

export const addVolume = (b: Berth, hostId: string, input: VolumeCreate): Promise<VolumeSummary> => createVolume(b.fleet.reachable(hostId), input);

export const deleteVolume = (b: Berth, hostId: string, name: string) => removeVolume(b.fleet.reachable(hostId).engine, name);

export const pruneUnusedVolumes = (b: Berth, hostId: string, input: VolumePrune): Promise<PruneResult> =>
  pruneVolumes(b.fleet.reachable(hostId).engine, input.labels);
