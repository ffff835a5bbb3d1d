import { describe, expect, it } from 'vitest';
import { HostCreateSchema } from './hosts';

const msg = (v: unknown) => {
  const r = HostCreateSchema.safeParse(v);
  return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
};
const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----';
const ssh = { kind: 'ssh', name: 'h', host: 'example.com', username: 'root', privateKey: key, fingerprint: 'SHA256:' + 'A'.repeat(43) };

describe('HostCreateSchema', () => {
  it('accepts each kind with defaults', () => {
    expect(HostCreateSchema.parse({ kind: 'socket', name: 'local', socketPath: '/var/run/docker.sock' })).toMatchObject({ kind: 'socket' });
    expect(HostCreateSchema.parse(ssh)).toMatchObject({ port: 22, socketPath: '/var/run/docker.sock' });
  });

  it('refuses host and user fields that start with "-" or hold spaces or newlines', () => {
    expect(msg({ ...ssh, host: '-oProxyCommand=x' })).toMatch(/host: Host address must not start with "-"/);
    expect(msg({ ...ssh, host: 'a b' })).toMatch(/must not contain spaces or line breaks/);
    expect(msg({ ...ssh, username: 'root\nx' })).toMatch(/username: User name must not contain spaces or line breaks/);
    expect(msg({ ...ssh, username: '-l' })).toMatch(/must not start with "-"/);
  });

  it('asks for a confirmed fingerprint and a PEM key', () => {
    expect(msg({ ...ssh, fingerprint: 'yes' })).toMatch(/Confirm the host key fingerprint/);
    expect(msg({ ...ssh, privateKey: 'hunter2' })).toMatch(/PEM block/);
  });

  it('refuses relative socket paths and unknown kinds', () => {
    expect(msg({ kind: 'socket', name: 'x', socketPath: 'docker.sock' })).toMatch(/absolute path/);
    expect(msg({ kind: 'ftp', name: 'x' })).toMatch(/kind must be "socket", "tcp" or "ssh"/);
  });

  it('checks names and ports', () => {
    expect(msg({ kind: 'socket', name: '../x', socketPath: '/a' })).toMatch(/name: Name may use letters/);
    expect(msg({ kind: 'tcp', name: 'b', host: '10.0.0.1', port: 99999, ca: 'x', cert: 'x', key: 'x' })).toMatch(/port: Port must be between 1 and 65535/);
  });
});

describe('HostUpdateSchema', () => {
  it('adds no defaults, so a rename keeps the stored port and socket path', async () => {
    const { HostUpdateSchema } = await import('./hosts');
    expect(HostUpdateSchema.parse({ kind: 'tcp', name: 'b2' })).toEqual({ kind: 'tcp', name: 'b2' });
    expect(HostUpdateSchema.parse({ kind: 'ssh', name: 's2' })).toEqual({ kind: 'ssh', name: 's2' });
  });
});
