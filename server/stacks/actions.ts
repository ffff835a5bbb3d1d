import type Docker from 'dockerode';
import type { OperationView } from '@/lib/compose-types';
import type { StackAction, StackActionBody } from '@/lib/schemas/stacks';
import type { Principal } from '../auth/policy';
import { limiter, removeContainer, startContainer, stopContainer } from '../compose/apply-steps';
import { projectContainers } from '../compose/host-state';
import { L } from '../compose/labels';
import { restartContainer } from '../docker/container-calls';
import { rawNetworks, removeRawNetwork } from '../docker/networks';
import { rawVolumes, removeRawVolume } from '../docker/volumes';
import type { Berth } from '../berth';
import { notFound } from '../errors';
import { beginOperation } from './operations';

const serviceOf = (c: Docker.ContainerInfo) => c.Labels?.[L.service] ?? '?';
const nameOf = (c: Docker.ContainerInfo) => (c.Names?.[0] ?? c.Id).replace(/^\//, '');

/**
 * stop / start / restart / down on a project's containers, found by label (so they work on what the compose CLI made
 * too). down removes the containers and the project's networks, and its volumes only when asked. Start goes in
 * container-number order per service; the file's depends_on order is a deploy's concern.
 */
export async function stackAction(
  b: Berth,
  principal: Principal,
  hostId: string,
  name: string,
  action: StackAction,
  body: StackActionBody,
): Promise<OperationView> {
  const engine = b.fleet.reachable(hostId).engine;
  const containers = await projectContainers(engine, name);
  if (!containers.length && action !== 'down') throw notFound(`Stack ${name} has no containers on this host; deploy it first`);
  const services = [...new Set(containers.map(serviceOf))];
  const op = await beginOperation(b, hostId, name, action, principal.name, services);
  const run = limiter(4);
  const work = (async () => {
    try {
      const each = (fn: (c: Docker.ContainerInfo) => Promise<void>, verb: string) =>
        Promise.all(
          containers.map((c) =>
            run(async () => {
              op.step(serviceOf(c), 'working', `${verb} ${nameOf(c)}`);
              await fn(c);
            }),
          ),
        );
      if (action === 'stop') await each((c) => stopContainer(engine, c.Id), 'stopping');
      if (action === 'start') await each((c) => startContainer(engine, c.Id), 'starting');
      if (action === 'restart') await each((c) => restartContainer(engine, c.Id), 'restarting');
      if (action === 'down') {
        await each(async (c) => {
          await stopContainer(engine, c.Id);
          await removeContainer(engine, c.Id);
        }, 'removing');
        const filters = { label: [`${L.project}=${name}`] };
        for (const n of await rawNetworks(engine, filters)) {
          await removeRawNetwork(engine, n.Id);
          op.note(`removed network ${n.Name}`);
        }
        if (body.removeVolumes) {
          for (const v of await rawVolumes(engine, filters)) {
            await removeRawVolume(engine, v.Name);
            op.note(`removed volume ${v.Name}`);
          }
        }
      }
      for (const s of services) op.step(s, 'done', `${action} done`);
      await op.finish('succeeded');
    } catch (e) {
      await op.finish('failed', (e as Error).message);
      throw e;
    }
  })();
  // wait: false answers with the running operation at once (the page follows it); its failure is in the operation
  if (!body.wait) {
    work.catch(() => undefined);
    return op.view();
  }
  await work;
  return op.view();
}
