import crypto from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { Client, type ConnectConfig } from 'ssh2';
import { BerthError } from '../errors';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  passphrase?: string;
  /** SHA256 fingerprint the user confirmed; the connection is refused when the server shows another key */
  fingerprint: string;
  /** the Docker socket on the remote machine */
  socketPath: string;
}

export function fingerprintOf(hostKey: Buffer): string {
  return 'SHA256:' + crypto.createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '');
}

const READY_TIMEOUT = 8000;

/**
 * Reads a server's host key without authenticating, so the user can compare it with what they expect before Berth
 * ever sends a key to that server. Every failure gets the same message: telling a closed port from an open one that
 * speaks something else would make this a port scanner for whoever can call it.
 */
export function probeHostKey(host: string, port: number): Promise<{ fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let seen: string | undefined;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      client.end();
      if (seen) resolve({ fingerprint: seen });
      else reject(new BerthError('unreachable', `No SSH server answered at ${host}:${port}; check the address and that sshd runs`));
    };
    client.on('error', () => done());
    // ssh2 may close without an error (a peer that hangs up at once); that is a failure too
    client.on('close', () => done());
    try {
      client.connect({
        host,
        port,
        username: 'berth-probe',
        readyTimeout: READY_TIMEOUT,
        hostVerifier: (key: Buffer) => {
          seen = fingerprintOf(key);
          // Refuse here: we only wanted the key, and refusing stops before any authentication attempt.
          setImmediate(() => done());
          return false;
        },
      } as ConnectConfig);
    } catch {
      done();
    }
  });
}

/**
 * An http.Agent whose sockets are SSH "direct-streamlocal" channels to the remote Docker socket, all over one SSH
 * connection. This is what `ssh -L` does, done in-process with the ssh2 library: no ssh binary, no command line, and
 * no docker CLI needed on the remote machine.
 */
export class SshDockerAgent extends http.Agent {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;

  constructor(private readonly target: SshTarget) {
    super({ keepAlive: false });
  }

  override createConnection(_opts: unknown, cb?: (err: Error | null, socket: Duplex) => void): Duplex | undefined {
    this.connection()
      .then(
        (client) =>
          new Promise<Duplex>((resolve, reject) => {
            client.openssh_forwardOutStreamLocal(this.target.socketPath, (err, channel) => {
              if (err) {
                reject(
                  new BerthError(
                    'unreachable',
                    `SSH to ${this.label()} works, but the remote Docker socket ${this.target.socketPath} could not be opened (${err.message}): check the path and that ${this.target.username} may use it`,
                  ),
                );
              } else resolve(asSocket(channel as unknown as Duplex));
            });
          }),
      )
      .then(
        (s) => cb?.(null, s),
        (e) => cb?.(e as Error, undefined as unknown as Duplex),
      );
    return undefined;
  }

  private label() {
    return `${this.target.username}@${this.target.host}:${this.target.port}`;
  }

  private connection(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    this.connecting = new Promise<Client>((resolve, reject) => {
      const client = new Client();
      let mismatch: string | undefined;
      client.on('ready', () => {
        this.client = client;
        this.connecting = null;
        resolve(client);
      });
      client.on('error', (err) => {
        this.connecting = null;
        this.client = null;
        reject(
          mismatch
            ? new BerthError(
                'unreachable',
                `The SSH host key of ${this.target.host}:${this.target.port} is ${mismatch}, not the confirmed ${this.target.fingerprint}. The server was reinstalled or someone is in the middle: verify the key, then confirm the new fingerprint in the host's settings`,
              )
            : sshError(err, this.label()),
        );
      });
      client.on('close', () => {
        if (this.client === client) this.client = null;
      });
      const config = {
        host: this.target.host,
        port: this.target.port,
        username: this.target.username,
        privateKey: this.target.privateKey,
        passphrase: this.target.passphrase,
        readyTimeout: READY_TIMEOUT,
        keepaliveInterval: 10_000,
        keepaliveCountMax: 2,
        hostVerifier: (key: Buffer) => {
          const fp = fingerprintOf(key);
          if (fp === this.target.fingerprint) return true;
          mismatch = fp;
          return false;
        },
      } as ConnectConfig;
      try {
        client.connect(config);
      } catch (e) {
        // ssh2 throws at once, outside the 'error' event, when it cannot parse the private key.
        this.connecting = null;
        reject(sshError(e as Error, this.label()));
      }
    });
    return this.connecting;
  }

  override destroy(): void {
    super.destroy();
    this.client?.end();
    this.client = null;
  }
}

/** node's http client calls a few net.Socket methods that an SSH channel lacks; they are harmless to skip here. */
function asSocket(channel: Duplex): Duplex {
  const s = channel as Duplex & Record<string, unknown>;
  for (const m of ['setTimeout', 'setNoDelay', 'setKeepAlive', 'ref', 'unref']) {
    if (typeof s[m] !== 'function') s[m] = () => s;
  }
  return channel;
}

function sshError(err: Error & { level?: string; code?: string }, label: string): BerthError {
  if (err.level === 'client-authentication')
    return new BerthError('unreachable', `SSH login to ${label} was refused: the server does not accept this private key for that user`);
  if (/Cannot parse privateKey|Encrypted private key detected|bad passphrase/i.test(err.message))
    return new BerthError('invalid', `The SSH private key cannot be read (${err.message}): paste an unencrypted key or give its passphrase`);
  if (err.level === 'client-timeout' || /Timed out/i.test(err.message))
    return new BerthError('unreachable', `SSH to ${label} timed out: check the address, the port and any firewall`);
  if (err.code === 'ECONNREFUSED') return new BerthError('unreachable', `Connection refused by ${label}: is SSH listening on that port?`);
  if (err.code === 'ENOTFOUND') return new BerthError('unreachable', `Cannot resolve ${label}: check the host name`);
  return new BerthError('unreachable', `SSH to ${label} failed: ${err.message}`);
}
