import type { AuthConfig } from 'dockerode';
import { DOCKER_HUB } from '@/lib/schemas/pull';
import type { RegistryCreate, RegistryLoginTest, RegistryUpdate } from '@/lib/schemas/registries';
import type { RegistryView } from '@/lib/types';
import type { Berth } from '../berth';
import { engineLogin } from '../docker/registry-calls';
import { conflict, invalid, notFound } from '../errors';
import { registryError } from './errors';
import {
  deleteRegistryRow,
  findRegistryByAddress,
  findRegistryIdByName,
  findRegistryRecord,
  insertRegistry,
  listRegistryRecords,
  type RegistryRecord,
  toView,
  updateRegistryRow,
} from './repo';

const LOGIN_TIMEOUT_MS = 30_000;

/** The Engine names Docker Hub by its v1 index URL in auth configs; every other registry by host[:port]. */
export const serverAddressOf = (registry: string) => (registry === DOCKER_HUB ? 'https://index.docker.io/v1/' : registry);

export function authConfigOf(registry: string, username: string, password: string): AuthConfig {
  return { username, password, serveraddress: serverAddressOf(registry) };
}

export async function listRegistries(b: Berth): Promise<RegistryView[]> {
  return (await listRegistryRecords(b.db, b.box)).map(toView);
}

async function checkUnique(b: Berth, name: string, address: string, id?: string) {
  const byName = await findRegistryIdByName(b.db, name);
  if (byName && byName !== id) throw conflict(`A registry named "${name}" already exists: choose another name`);
  const byAddress = await findRegistryByAddress(b.db, b.box, address);
  if (byAddress && byAddress.id !== id) throw conflict(`Registry ${address} is already stored as "${byAddress.name}": change that entry instead`);
}

export async function createRegistry(b: Berth, input: RegistryCreate): Promise<RegistryView> {
  await checkUnique(b, input.name, input.address);
  const id = await insertRegistry(b.db, b.box, {
    name: input.name,
    address: input.address,
    username: input.username || null,
    password: input.password || null,
  });
  return toView((await findRegistryRecord(b.db, b.box, id))!);
}

async function record(b: Berth, id: string): Promise<RegistryRecord> {
  const r = await findRegistryRecord(b.db, b.box, id);
  if (!r) throw notFound(`No registry with id "${id}": it may have been removed`);
  return r;
}

export async function updateRegistry(b: Berth, id: string, patch: RegistryUpdate): Promise<RegistryView> {
  const old = await record(b, id);
  const name = patch.name ?? old.name;
  const address = patch.address ?? old.address;
  await checkUnique(b, name, address, id);
  let username = patch.username === undefined ? old.username : patch.username || null;
  let password = patch.password ? patch.password : old.password;
  if (patch.clearCredentials) username = password = null;
  if (username && !password) throw invalid('Give the password (or token) for this user');
  if (!username && password) throw invalid('Give the user name the stored password belongs to, or clear the credentials');
  await updateRegistryRow(b.db, b.box, id, { name, address, username, password });
  return toView(await record(b, id));
}

export async function removeRegistry(b: Berth, id: string): Promise<{ ok: true; message: string }> {
  const old = await record(b, id);
  await deleteRegistryRow(b.db, id);
  return { ok: true, message: `Removed registry ${old.name} (${old.address}) and its stored credentials` };
}

/** The stored credentials for a registry host, or null. For pulls: never sent to the browser, never logged. */
export async function storedAuthFor(b: Berth, registry: string): Promise<AuthConfig | null> {
  const r = await findRegistryByAddress(b.db, b.box, registry);
  return r?.username && r.password ? authConfigOf(registry, r.username, r.password) : null;
}

/** "Test login": the chosen host's Engine logs in (its /auth call) with the stored or typed credentials. */
export async function testRegistryLogin(b: Berth, input: RegistryLoginTest): Promise<{ ok: true; message: string }> {
  const stored = input.registryId ? await record(b, input.registryId) : null;
  const address = input.address ?? stored!.address;
  const username = input.username || stored?.username;
  // An empty password with a stored registry means "the stored one", as in the edit form.
  const password = input.password || (stored && (!input.address || input.address === stored.address) ? stored.password : null);
  if (!username || !password) throw invalid(`Give a user name and password to test the login to ${address}`);
  const rt = b.fleet.reachable(input.hostId);
  try {
    const r = await engineLogin(rt.engine, authConfigOf(address, username, password), LOGIN_TIMEOUT_MS);
    return { ok: true, message: `Host ${rt.record.name} logged in to ${address} as ${username}${r?.Status ? ` (${r.Status})` : ''}` };
  } catch (e) {
    const err = e as { json?: { message?: string }; message?: string; name?: string };
    if (err?.name === 'BerthError') throw e;
    const msg = err?.json?.message ?? err?.message ?? String(e);
    throw registryError(msg, { registry: address, hostName: rt.record.name, credentials: input.password ? 'given' : 'stored' });
  }
}
