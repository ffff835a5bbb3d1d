import type { HostCreate, HostUpdate, SshProbe } from '@/lib/schemas/hosts';
import type { HostInfo, HostView } from '@/lib/types';
import type { Config } from '../config';
import type { SecretBox } from '../crypto/secrets';
import type { Db } from '../db';
import { connect, type Connection } from '../docker/connect';
import { readHostInfo } from '../docker/info';
import { probeHostKey } from '../docker/ssh';
import { conflict, invalid, notFound } from '../errors';
import type { Fleet } from '../live/fleet';
import { checkHostAddress } from './address-guard';
import { deleteHostRow, findHostByName, findHostRecord, insertHost, updateHostRow } from './repo';
import { checkTlsMaterial } from './tls';

export interface HostDeps {
  db: Db;
  box: SecretBox;
  fleet: Fleet;
  config: Pick<Config, 'allowLinkLocalHosts'>;
}

/** Where a connection goes over the network, it must not be a link-local (cloud metadata) address; see address-guard. */
async function checkAddress(c: Connection, config: HostDeps['config']): Promise<void> {
  if (c.kind !== 'socket') await checkHostAddress(c.host, config.allowLinkLocalHosts);
}

/** Connects once with the given settings and reads the Engine's info: the proof that the settings work. */
export async function testConnection(c: Connection): Promise<HostInfo> {
  if (c.kind === 'tcp') checkTlsMaterial(c);
  const engine = connect(c);
  try {
    return await readHostInfo(engine, 10_000);
  } finally {
    engine.close();
  }
}

function toConnection(input: HostCreate): Connection {
  const { name: _name, ...rest } = input;
  return rest as Connection;
}

/** Registers a host only after a successful connection, so nothing half-working is ever saved. */
export async function createHost(deps: HostDeps, input: HostCreate): Promise<HostView> {
  if (await findHostByName(deps.db, input.name)) throw conflict(`A host named "${input.name}" already exists: choose another name`);
  const connection = toConnection(input);
  await checkAddress(connection, deps.config);
  const info = await testConnection(connection);
  const id = await insertHost(deps.db, deps.box, { name: input.name, connection, info });
  const record = await findHostRecord(deps.db, deps.box, id);
  return deps.fleet.add(record!).view();
}

export async function updateHost(deps: HostDeps, id: string, patch: HostUpdate): Promise<HostView> {
  const existing = await findHostRecord(deps.db, deps.box, id);
  if (!existing) throw notFound(`No host with id "${id}"`);
  if (patch.kind !== existing.kind) {
    throw invalid(`This host connects over ${existing.kind}; to switch to ${patch.kind}, remove it and add it again`);
  }
  const { name, kind: _k, ...fields } = patch;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const connection = { ...existing.connection, ...defined } as Connection;
  const newName = name ?? existing.name;
  if (newName !== existing.name) {
    const other = await findHostByName(deps.db, newName);
    if (other && other.id !== id) throw conflict(`A host named "${newName}" already exists: choose another name`);
  }
  const changed = JSON.stringify(connection) !== JSON.stringify(existing.connection);
  if (changed) await checkAddress(connection, deps.config);
  const info = changed ? await testConnection(connection) : undefined;
  await updateHostRow(deps.db, deps.box, id, { name: newName, connection, info });
  const record = await findHostRecord(deps.db, deps.box, id);
  return deps.fleet.add(record!).view();
}

export async function removeHost(deps: HostDeps, id: string): Promise<void> {
  if (!(await deleteHostRow(deps.db, id))) throw notFound(`No host with id "${id}"`);
  deps.fleet.remove(id);
}

export async function probeSsh(input: SshProbe, config: HostDeps['config']): Promise<{ fingerprint: string }> {
  await checkHostAddress(input.host, config.allowLinkLocalHosts);
  return probeHostKey(input.host, input.port);
}
