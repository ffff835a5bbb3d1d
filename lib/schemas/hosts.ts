import { z } from 'zod';
import { absolutePath, CERT, hostAddress, pem, port, PRIVATE_KEY, resourceName, userName } from './common';

export const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

// The fields of each kind, without defaults: the update schema is these made optional, and a default there would
// silently reset a stored value (a rename would move a TCP host back to port 2376).
const socketFields = {
  kind: z.literal('socket'),
  name: resourceName,
  socketPath: absolutePath('Socket path'),
};

const tcpFields = {
  kind: z.literal('tcp'),
  name: resourceName,
  host: hostAddress,
  port,
  ca: pem('CA certificate', CERT),
  cert: pem('Client certificate', CERT),
  key: pem('Client key', PRIVATE_KEY),
};

const sshFields = {
  kind: z.literal('ssh'),
  name: resourceName,
  host: hostAddress,
  port,
  username: userName,
  privateKey: pem('Private key', PRIVATE_KEY),
  passphrase: z.string().max(1024).optional(),
  fingerprint: z.string().trim().regex(FINGERPRINT, 'Confirm the host key fingerprint (SHA256:…) before saving; use "Fetch host key" to read it'),
  socketPath: absolutePath('Remote socket path'),
};

/** POST /api/v1/hosts and the "Add host" form. */
export const HostCreateSchema = z.discriminatedUnion(
  'kind',
  [
    z.object(socketFields),
    z.object({ ...tcpFields, port: port.default(2376) }),
    z.object({ ...sshFields, port: port.default(22), socketPath: sshFields.socketPath.default('/var/run/docker.sock') }),
  ],
  { error: () => 'Choose how to connect: kind must be "socket", "tcp" or "ssh"' },
);
export type HostCreateInput = z.input<typeof HostCreateSchema>;
export type HostCreate = z.output<typeof HostCreateSchema>;

/**
 * PATCH /api/v1/hosts/{id}. The kind cannot change (remove and re-add instead); fields left out keep their stored
 * value — secrets in particular, because the API never returns them for the form to send back.
 */
export const HostUpdateSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object(socketFields)
      .partial()
      .extend({ kind: z.literal('socket') }),
    z
      .object(tcpFields)
      .partial()
      .extend({ kind: z.literal('tcp') }),
    z
      .object(sshFields)
      .partial()
      .extend({ kind: z.literal('ssh') }),
  ],
  { error: () => 'kind must be "socket", "tcp" or "ssh" and match the host being edited' },
);
export type HostUpdate = z.output<typeof HostUpdateSchema>;

/** POST /api/v1/hosts/ssh-fingerprint: read a server's host key so the user can confirm it. */
export const SshProbeSchema = z.object({ host: hostAddress, port: port.default(22) });
export type SshProbe = z.output<typeof SshProbeSchema>;
