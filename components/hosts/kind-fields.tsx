'use client';

import type { HostKind } from '@/lib/types';
import { FingerprintField } from './fingerprint-field';
import { PemInput, TextInput } from './form-controls';

/** In edit mode the API never returns secrets, so an empty secret field keeps what is stored. */
const keep = (what: string, editing: boolean, fallback: string) => (editing ? `Stored — leave empty to keep the current ${what}` : fallback);

export function KindFields({ kind, editing }: { kind: HostKind; editing: boolean }) {
  if (kind === 'socket') {
    return <TextInput name="socketPath" label="Socket path" placeholder="/var/run/docker.sock" hint="The Docker socket on the machine Berth runs on." />;
  }
  const address = (
    <div className="grid grid-cols-[1fr_6rem] gap-3">
      <TextInput name="host" label="Address" placeholder="docker-1.example.com" />
      <TextInput name="port" label="Port" inputMode="numeric" placeholder={kind === 'tcp' ? '2376' : '22'} />
    </div>
  );
  if (kind === 'tcp') {
    return (
      <>
        {address}
        <PemInput
          name="ca"
          label="CA certificate"
          placeholder={keep('CA certificate', editing, '-----BEGIN CERTIFICATE-----')}
          hint="The CA that signed the daemon's certificate."
        />
        <PemInput name="cert" label="Client certificate" placeholder={keep('client certificate', editing, '-----BEGIN CERTIFICATE-----')} />
        <PemInput name="key" label="Client key" placeholder={keep('client key', editing, '-----BEGIN PRIVATE KEY-----')} />
      </>
    );
  }
  return (
    <>
      {address}
      <TextInput name="username" label="User" placeholder="root" hint="A user allowed to use the Docker socket (root or in the docker group)." />
      <PemInput name="privateKey" label="Private key" placeholder={keep('private key', editing, '-----BEGIN OPENSSH PRIVATE KEY-----')} />
      <TextInput
        name="passphrase"
        label="Passphrase"
        type="password"
        autoComplete="new-password"
        placeholder={editing ? 'Leave empty to keep the stored passphrase' : 'Only if the key is encrypted'}
      />
      <FingerprintField />
      <TextInput name="socketPath" label="Remote socket path" placeholder="/var/run/docker.sock" />
    </>
  );
}
