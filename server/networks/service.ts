import type { NetworkConnect, NetworkCreate, NetworkDisconnect } from '@/lib/schemas/networks';
import type { NetworkSummary } from '@/lib/types';
import type { Berth } from '../berth';
import { connectContainer, createNetwork, disconnectContainer, inspectNetwork, listNetworks, removeNetwork } from '../docker/networks';

export const getNetworks = (b: Berth, hostId: string): Promise<NetworkSummary[]> => listNetworks(b.fleet.reachable(hostId));

export const getNetwork = (b: Berth, hostId: string, ref: string): Promise<NetworkSummary> => inspectNetwork(b.fleet.reachable(hostId), ref);

export const addNetwork = (b: Berth, hostId: string, input: NetworkCreate): Promise<NetworkSummary> => createNetwork(b.fleet.reachable(hostId), input);

export const deleteNetwork = (b: Berth, hostId: string, ref: string) => removeNetwork(b.fleet.reachable(hostId).engine, ref);

export const connectToNetwork = (b: Berth, hostId: string, ref: string, input: NetworkConnect) => connectContainer(b.fleet.reachable(hostId), ref, input);

export const disconnectFromNetwork = (b: Berth, hostId: string, ref: string, input: NetworkDisconnect) =>
  disconnectContainer(b.fleet.reachable(hostId), ref, input);
