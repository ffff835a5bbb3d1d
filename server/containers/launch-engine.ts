import type Docker from 'dockerode';
import type { Engine } from '../docker/connect';
import { rawContainers, removeContainer } from '../docker/container-calls';
import { imageIdOf } from '../docker/images';
import { rawUse } from '../docker/volumes';
import { BerthError, conflict, invalid, notFound, unreachable } from '../errors';

export const hasImage = async (engine: Engine, ref: string): Promise<boolean> => (await imageIdOf(engine, ref)) !== null;

/** Pulls one image onto the host; server/images/pull.ts does it with stored registry credentials and task progress. */
export type Pull = (ref: string) => Promise<unknown>;

/**
 * A failed pull said from the launch's point of view: the image is missing and why it could not be fetched. Errors
 * about the Docker host itself (its daemon unreachable) pass through unchanged.
 */
export function pullError(e: unknown, ref: string, hostName: string): BerthError {
  const be = e as BerthError;
  const msg = String(be?.message ?? e);
  const missing = `Image ${ref} is not on host ${hostName}`;
  if (be?.name === 'BerthError' && be.kind === 'unreachable' && !/^Registry /.test(msg)) return be;
  if (be?.kind === 'unreachable') return unreachable(`${missing} and no registry could be reached. ${msg}`);
  if (be?.kind === 'not_found') return notFound(`${missing}, and ${msg.charAt(0).toLowerCase()}${msg.slice(1)}`);
  if (be?.kind === 'invalid') return invalid(`${missing}, and pulling it failed. ${msg}`);
  return new BerthError('engine', `${missing} and pulling it failed: ${msg}`);
}

/** Makes sure the image is on the host, pulling it when allowed. */
export async function ensureImage(engine: Engine, ref: string, pullIfMissing: boolean, hostName: string, pull: Pull): Promise<{ pulled: boolean }> {
  if (await hasImage(engine, ref)) return { pulled: false };
  if (!pullIfMissing) throw invalid(`${`Image ${ref} is not on host ${hostName}`}: turn on "pull if missing", or pull it from the Images page first`);
  try {
    await pull(ref);
  } catch (e) {
    throw pullError(e, ref, hostName);
  }
  return { pulled: true };
}

const PORT_IN_USE = /port is already allocated|address already in use/i;

/** The host port named in the Engine's "Bind for 0.0.0.0:8080 failed" or "listen tcp4 0.0.0.0:8080: bind" message. */
export function portOfBindError(msg: string): number | null {
  const m = /(?:Bind for|listen (?:tcp|udp|sctp)[46]?) \[?[0-9a-fA-F.:]*?\]?:(\d+)/.exec(msg);
  return m ? Number(m[1]) : null;
}

/**
 * Turns a failed start into a message a person can act on. For a host port in use the Engine says only "port is
 * already allocated", so the holder is found by listing containers' published ports.
 */
export async function explainStartFailure(engine: Engine, err: BerthError, hostName: string, selfId: string): Promise<BerthError> {
  if (!PORT_IN_USE.test(err.message))
    return new BerthError(err.kind === 'unreachable' ? 'unreachable' : 'invalid', `The container could not start on host ${hostName}: ${err.message}`);
  const port = portOfBindError(err.message);
  if (port === null)
    return conflict(`A host port is already in use on host ${hostName} (${err.message}): choose another host port, or leave it empty for a random one`);
  const holders = (await rawContainers(engine).catch(() => [] as Docker.ContainerInfo[])).filter(
    (c) => c.Id !== selfId && (c.Ports ?? []).some((p) => p.PublicPort === port),
  );
  if (holders.length) {
    const names = holders.map((c) => rawUse(c).name).join(', ');
    return conflict(`Port ${port} on host ${hostName} is already used by container ${names}: choose another host port, or leave it empty for a random one`);
  }
  return conflict(
    `Port ${port} on host ${hostName} is already used by another program on that host: choose another host port, or leave it empty for a random one`,
  );
}

/** "The container name is already in use" from the Engine, said with the name. */
export function explainCreateFailure(err: BerthError, name: string | undefined, hostName: string): BerthError {
  if (err.kind === 'conflict' && name && /already in use/i.test(err.message)) {
    return conflict(`A container named ${name} already exists on host ${hostName}: choose another name, or use "Edit & recreate" on that container`);
  }
  if (err.kind === 'invalid' || err.kind === 'not_found') return invalid(`Docker on host ${hostName} refused the settings: ${err.message}`);
  return err;
}

/** Removes a container this launch created, so a failed launch leaves nothing behind; never hides the first error. */
export async function removeQuietly(engine: Engine, id: string, removeVolumes: boolean): Promise<void> {
  await removeContainer(engine, id, { volumes: removeVolumes, ms: 30_000 }).catch(() => undefined);
}
