import type Docker from 'dockerode';
import type { Engine } from '../docker/connect';
import { rawContainers } from '../docker/container-calls';
import { imageIdOf } from '../docker/images';
import { rawNetworks } from '../docker/networks';
import { rawVolumes } from '../docker/volumes';
import { L } from './labels';
import type { ComposeModel } from './model';
import type { CurrentContainer, CurrentState } from './plan';

/** A project's containers as the Engine lists them (one-off `run` containers excluded, as compose does). */
export async function projectContainers(engine: Engine, project: string): Promise<Docker.ContainerInfo[]> {
  const list = await rawContainers(engine, { label: [`${L.project}=${project}`] });
  return list.filter((c) => (c.Labels?.[L.oneoff] ?? 'False') !== 'True');
}

export function toCurrent(c: Docker.ContainerInfo): CurrentContainer {
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    service: c.Labels?.[L.service] ?? '',
    number: Number(c.Labels?.[L.number] ?? 1) || 1,
    // Berth's own hash; containers of older Berth versions carry it in the compose label
    hash: c.Labels?.[L.berthHash] ?? c.Labels?.[L.hash] ?? '',
    keys: c.Labels?.[L.keys],
    imageId: c.ImageID,
    state: c.State,
  };
}

/** Everything the planner needs to know about the host: the project's containers, networks, volumes, image ids. */
export async function readCurrentState(engine: Engine, project: string, model: ComposeModel): Promise<CurrentState> {
  const [containers, networks, volumes] = await Promise.all([projectContainers(engine, project), rawNetworks(engine), rawVolumes(engine)]);
  const imageIds: Record<string, string> = {};
  await Promise.all(
    [...new Set(Object.values(model.services).map((s) => s.image))].map(async (ref) => {
      const id = await imageIdOf(engine, ref);
      if (id) imageIds[ref] = id;
    }),
  );
  return {
    containers: containers.map(toCurrent),
    // every network/volume on the host by name: one the file names may exist without labels (made by hand)
    networks: networks.map((n) => n.Name),
    volumes: volumes.map((v) => v.Name),
    imageIds,
  };
}

export interface HostProject {
  name: string;
  containers: Docker.ContainerInfo[];
}

/** Every compose project on the host, found by the labels the compose CLI (and Berth) write. */
export async function hostProjects(engine: Engine): Promise<HostProject[]> {
  const list = await rawContainers(engine, { label: [L.project] });
  const byProject = new Map<string, Docker.ContainerInfo[]>();
  for (const c of list) {
    if ((c.Labels?.[L.oneoff] ?? 'False') === 'True') continue;
    const p = c.Labels[L.project];
    byProject.set(p, [...(byProject.get(p) ?? []), c]);
  }
  return [...byProject].map(([name, containers]) => ({ name, containers }));
}
