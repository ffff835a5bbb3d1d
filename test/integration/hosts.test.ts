import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCreate } from '@/lib/schemas/hosts';
import type { Berth } from '@/server/context';
import { createHost, probeSsh, removeHost, updateHost } from '@/server/hosts/service';
import { engineUnderTest, freshBerth, harness, read } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

let berth: Berth;
const h = harness();
const tls = (over: Partial<Extract<HostCreate, { kind: 'tcp' }>> = {}): HostCreate => ({
  kind: 'tcp',
  name: 'b-tls',
  host: h.DOCKER_B_TCP_HOST,
  port: Number(h.DOCKER_B_TCP_PORT),
  ca: read(h.TLS_CA),
  cert: read(h.TLS_CLIENT_CERT),
  key: read(h.TLS_CLIENT_KEY),
  ...over,
});
const ssh = (over: Partial<Extract<HostCreate, { kind: 'ssh' }>> = {}): HostCreate => ({
  kind: 'ssh',
  name: 'a-ssh',
  host: h.SSH_HOST,
  port: Number(h.SSH_PORT),
  username: h.SSH_USER,
  privateKey: read(h.SSH_KEY),
  fingerprint: h.SSH_HOST_FINGERPRINT,
  socketPath: ENGINE,
  ...over,
});

async function hostCount() {
  const rows = await berth.db.selectFrom('hosts').select('id').execute();
  return rows.length;
}

async function refused(input: HostCreate, pattern: RegExp) {
  const before = await hostCount();
  await expect(createHost(berth, input)).rejects.toThrow(pattern);
  expect(await hostCount()).toBe(before);
}

beforeAll(async () => {
  berth = await freshBerth('sqlite');
});
afterAll(async () => {
  await berth.close();
});

describe('registering hosts against real daemons', () => {
  it('connects over a local unix socket and reports the Engine', async () => {
    const v = await createHost(berth, { kind: 'socket', name: 'a-local', socketPath: ENGINE });
    expect(v.status).toBe('online');
    expect(v.info).toMatchObject({ osType: 'linux' });
    expect(v.info!.cpus).toBeGreaterThan(0);
    expect(v.info!.memTotal).toBeGreaterThan(0);
    expect(v.info!.images).toBeGreaterThanOrEqual(1);
    // the API Berth speaks is negotiated per host, as the docker CLI does: 1.41 on Engine 20.10, 1.45 on Engine 26
    expect(v.info!.berthApi).toBe(engineUnderTest().key === 'c' ? '1.45' : '1.41');
    expect(v.info!.apiVersion).toBe(v.info!.berthApi);
  });

  it('connects over TCP with mutual TLS', async () => {
    const v = await createHost(berth, tls());
    expect(v.info?.engineVersion).toMatch(/^\d+\./);
    expect(v.settings).toEqual({ host: h.DOCKER_B_TCP_HOST, port: Number(h.DOCKER_B_TCP_PORT), stored: ['ca', 'cert', 'key'] });
  });

  it('connects over SSH to the remote Docker socket, checking the host key', async () => {
    expect(await probeSsh({ host: h.SSH_HOST, port: Number(h.SSH_PORT) }, berth.config)).toEqual({ fingerprint: h.SSH_HOST_FINGERPRINT });
    const v = await createHost(berth, ssh());
    expect(v.kind).toBe('ssh');
    expect(v.info?.engineVersion).toMatch(/^\d+\./);
    expect(JSON.stringify(v)).not.toContain('PRIVATE KEY');
  });

  it('refuses a duplicate name', async () => {
    await refused({ kind: 'socket', name: 'a-local', socketPath: ENGINE }, /already exists/);
  });

  it('edits a host: renames without reconnecting, and retests changed settings', async () => {
    const v = await createHost(berth, { kind: 'socket', name: 'to-edit', socketPath: ENGINE });
    expect((await updateHost(berth, v.id, { kind: 'socket', name: 'edited' })).name).toBe('edited');
    await expect(updateHost(berth, v.id, { kind: 'socket', socketPath: '/nope/docker.sock' })).rejects.toThrow(
      /No Docker socket at unix:\/\/\/nope\/docker\.sock/,
    );
    const row = await berth.db.selectFrom('hosts').selectAll().where('id', '=', v.id).executeTakeFirstOrThrow();
    expect(row.address).toBe(ENGINE);
    await expect(updateHost(berth, v.id, { kind: 'tcp', port: 1 })).rejects.toThrow(/remove it and add it again/);
    await removeHost(berth, v.id);
    expect(berth.fleet.has(v.id)).toBe(false);
  });
});

describe('bad host settings: a clear error, nothing saved', () => {
  it('a socket path that does not exist', async () => {
    await refused({ kind: 'socket', name: 'x1', socketPath: '/does/not/exist.sock' }, /No Docker socket at unix:\/\/\/does\/not\/exist\.sock/);
  });

  it('a CA that did not sign the daemon certificate', async () => {
    await refused(tls({ name: 'x2', ca: read(h.TLS_WRONG_CA) }), /not signed by the CA certificate you gave/);
  });

  it('a client certificate the daemon does not trust', async () => {
    await refused(
      tls({ name: 'x3', cert: read(h.TLS_WRONG_CLIENT_CERT), key: read(h.TLS_WRONG_CLIENT_KEY) }),
      /rejected the client certificate|closed the connection during the handshake/,
    );
  });

  it('an expired client certificate', async () => {
    await refused(
      tls({ name: 'x4', cert: read(h.TLS_EXPIRED_CLIENT_CERT), key: read(h.TLS_EXPIRED_CLIENT_KEY) }),
      /Client certificate expired on \d{4}-\d\d-\d\d/,
    );
  });

  it('a client key that belongs to another certificate', async () => {
    await refused(tls({ name: 'x5', key: read(h.TLS_WRONG_CLIENT_KEY) }), /does not belong to the client certificate/);
  });

  it('an SSH host key that does not match the confirmed one', async () => {
    await refused(ssh({ name: 'x6', fingerprint: 'SHA256:' + 'A'.repeat(43) }), /SSH host key of .* is SHA256:.*not the confirmed SHA256:A{43}/);
  });

  it('an SSH private key that cannot be read', async () => {
    await refused(ssh({ name: 'x7a', privateKey: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----' }), /The SSH private key cannot be read/);
  });

  it('an SSH key the server does not accept', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    await refused(ssh({ name: 'x7', privateKey: other }), /SSH login to .* was refused/);
  });

  it('an address where nothing listens', async () => {
    await refused(tls({ name: 'x8', port: 1 }), /Connection refused by tcp:\/\/127\.0\.0\.1:1/);
  });

  it('an address that accepts but never answers', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      await refused(tls({ name: 'x9', port }), /did not answer in time|closed the connection/);
    } finally {
      silent.close();
    }
  }, 30_000);
});
