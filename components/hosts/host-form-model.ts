import { zodResolver } from '@hookform/resolvers/zod';
import type { Resolver, ResolverOptions, ResolverResult } from 'react-hook-form';
import type { z } from 'zod';
import { type HostCreate, type HostCreateInput, HostCreateSchema, type HostUpdate, HostUpdateSchema } from '@/lib/schemas/hosts';
import type { HostKind, HostView } from '@/lib/types';

/**
 * One flat shape for all three kinds, so switching kind keeps what was typed. Field names are exactly the schema's,
 * so errors from zod and from the server (`details.issues[].path`) land on the right input without translation.
 */
export interface HostFormValues {
  kind: HostKind;
  name: string;
  socketPath: string;
  host: string;
  port: string;
  ca: string;
  cert: string;
  key: string;
  username: string;
  privateKey: string;
  passphrase: string;
  fingerprint: string;
}

export type HostField = keyof HostFormValues;
export const SECRET_FIELDS: HostField[] = ['ca', 'cert', 'key', 'privateKey', 'passphrase'];
const FIELDS_BY_KIND: Record<HostKind, HostField[]> = {
  socket: ['name', 'socketPath'],
  tcp: ['name', 'host', 'port', 'ca', 'cert', 'key'],
  ssh: ['name', 'host', 'port', 'username', 'privateKey', 'passphrase', 'fingerprint', 'socketPath'],
};
export const DEFAULT_PORT: Record<HostKind, string> = { socket: '', tcp: '2376', ssh: '22' };
export const DEFAULT_SOCKET = '/var/run/docker.sock';

export { KIND_LABEL } from './kind-label';

export function emptyValues(kind: HostKind = 'socket'): HostFormValues {
  return {
    kind,
    name: '',
    socketPath: DEFAULT_SOCKET,
    host: '',
    port: DEFAULT_PORT[kind],
    ca: '',
    cert: '',
    key: '',
    username: '',
    privateKey: '',
    passphrase: '',
    fingerprint: '',
  };
}

export function valuesFromHost(h: HostView): HostFormValues {
  const s = h.settings;
  return {
    ...emptyValues(h.kind),
    name: h.name,
    socketPath: s.socketPath ?? DEFAULT_SOCKET,
    host: s.host ?? '',
    port: s.port != null ? String(s.port) : DEFAULT_PORT[h.kind],
    username: s.username ?? '',
    fingerprint: s.fingerprint ?? '',
  };
}

/** Only the fields the chosen kind uses; an empty optional passphrase means "none", not the empty string. */
function pick(v: HostFormValues, keep: (f: HostField) => boolean): Record<string, string> {
  const out: Record<string, string> = { kind: v.kind };
  for (const f of FIELDS_BY_KIND[v.kind]) if (keep(f)) out[f] = v[f];
  if (!out.passphrase) delete out.passphrase;
  return out;
}

type Opts = ResolverOptions<HostFormValues>;
const createZod = zodResolver(HostCreateSchema);
const updateZod = zodResolver(HostUpdateSchema);

export const createResolver: Resolver<HostFormValues, unknown, HostCreate> = async (values, ctx, opts: Opts) => {
  const input = pick(values, () => true) as unknown as HostCreateInput;
  const r = await createZod(input, ctx, opts as unknown as ResolverOptions<HostCreateInput>);
  return r as unknown as ResolverResult<HostFormValues, HostCreate>;
};

/**
 * PATCH sends only what changed. Secret fields are never sent back by the API, so an empty one means "keep the
 * stored value" and is left out.
 */
export function buildPatch(values: HostFormValues, initial: HostFormValues): Record<string, string> {
  return pick(values, (f) => (SECRET_FIELDS.includes(f) ? values[f] !== '' : ALWAYS_SENT.includes(f) || values[f].trim() !== initial[f].trim()));
}

/**
 * HostUpdateSchema is `.partial()` of the create schema, whose port and remote socket path have defaults, and zod
 * still applies those defaults to a missing key: leaving them out would reset a host on port 49707 to 2376. Sending
 * the current values keeps them.
 */
const ALWAYS_SENT: HostField[] = ['port', 'socketPath'];

export function updateResolver(initial: HostFormValues): Resolver<HostFormValues, unknown, HostUpdate> {
  return async (values, ctx, opts: Opts) => {
    const patch = buildPatch(values, initial);
    type UpdateInput = z.input<typeof HostUpdateSchema>;
    const r = await updateZod(patch as unknown as UpdateInput, ctx, opts as unknown as ResolverOptions<UpdateInput>);
    return r as unknown as ResolverResult<HostFormValues, HostUpdate>;
  };
}

export function isHostField(path: string): path is HostField {
  return path in emptyValues();
}
