import type { VolumeCreate, VolumePrune } from '@/lib/schemas/volumes';
import type { PruneResult, VolumeSummary } from '@/lib/types';
import type { Berth } from '../berth';
import { createVolume, inspectVolume, listVolumes, pruneVolumes, removeVolume } from '../docker/volumes';
import { reachableRuntime } from '../images/service';

export const getVolumes = (b: Berth, hostId: string, opts: { sizes?: boolean } = {}): Promise<VolumeSummary[]> => listVolumes(reachableRuntime(b, hostId).engine, hostId, opts);

export const getVolume = (b: Berth, hostId: string, name: string): Promise<VolumeSummary> => inspectVolume(reachableRuntime(b, hostId).engine, hostId, name);

export const addVolume = (b: Berth, hostId: string, input: VolumeCreate): Promise<VolumeSummary> => createVolume(reachableRuntime(b, hostId).engine, hostId, input);

export const deleteVolume = (b: Berth, hostId: string, name: string) => removeVolume(reachableRuntime(b, hostId).engine, name);

export const pruneUnusedVolumes = (b: Berth, hostId: string, input: VolumePrune): Promise<PruneResult> => pruneVolumes(reachableRuntime(b, hostId).engine, input.labels);
