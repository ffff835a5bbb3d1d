import { z } from 'zod';
import { absolutePath, CERT, hostAddress, pem, port, PRIVATE_KEY, resourceName, userName } from './common';

export const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

const socketHost = z.object({
  kind: z.literal('socket'),
  name: resourceName,
  socketPath: absolutePath('Socket path'),
});

const tcpHost = z.object({
  kind: z.literal('tcp'),
  name: resourceName,
  host: hostAddress,
  port: port.default(2376),
  ca: pem('CA certificate', CERT),
  cert: pem('Client certificate', CERT),
  key: pem('Client key', PRIVATE_KEY),
});

const sshHost = z.object({
  kind: z.literal('ssh'),
  name: resourceName,
  host: hostAddress,
  port: port.default(22),
  username: userName,
  privateKey: pem('Private key', PRIVATE_KEY),
  passphrase: z.string().max(1024).optional(),
  fingerprint: z
    .string()
    .trim()
    .regex(FINGERPRINT, 'Confirm the host key fingerprint (SHA256:…) before saving; use "Fetch host key" to read it'),
  socketPath: absolutePath('Remote socket path').default('/var/run/docker.sock'),
});

/** POST /api/v1/hosts and the "Add host" form. */
export const HostCreateSchema = z.discriminatedUnion('kind', [socketHost, tcpHost, sshHost], {
  error: () => 'Choose how to connect: kind must be "socket", "tcp" or "ssh"',
});
export type HostCreateInput = z.input<typeof HostCreateSchema>;
export type HostCreate = z.output<typeof HostCreateSchema>;

/**
 * PATCH /api/v1/hosts/{id}. The kind cannot change (remove and re-add instead); secret fields left out keep their
 * stored value, because the API never returns them for the form to send back.
 */
export const HostUpdateSchema = z.discriminatedUnion('kind', [
  socketHost.partial().extend({ kind: z.literal('socket') }),
  tcpHost.partial().extend({ kind: z.literal('tcp') }),
  sshHost.partial().extend({ kind: z.literal('ssh') }),
], { error: () => 'kind must be "socket", "tcp" or "ssh" and match the host being edited' });
export type HostUpdate = z.output<typeof HostUpdateSchema>;

/** POST /api/v1/hosts/ssh-fingerprint: read a server's host key so the user can confirm it. */
export const SshProbeSchema = z.object({ host: hostAddress, port: port.default(22) });
export type SshProbe = z.output<typeof SshProbeSchema>;
