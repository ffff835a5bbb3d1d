import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Loopback servers for the catalog sources suite: `git daemon` serving bare repositories (git://127.0.0.1:PORT/name),
 * and a small HTTP server serving catalog files from a table the test fills.
 */

const run = promisify(execFile);

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

const GIT_ID = ['-c', 'user.name=Berth test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main'];

/** A working repository and its bare copy under base/<name>.git; commit() writes files and pushes them. */
export async function gitRepo(base: string, name: string) {
  const work = path.join(base, `${name}-work`);
  const bare = path.join(base, `${name}.git`);
  fs.mkdirSync(work, { recursive: true });
  await run('git', [...GIT_ID, 'init', '-q', work]);
  await run('git', [...GIT_ID, 'init', '-q', '--bare', bare]);
  return {
    async commit(files: Record<string, string>, message: string): Promise<void> {
      for (const [f, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(work, f)), { recursive: true });
        fs.writeFileSync(path.join(work, f), text);
      }
      await run('git', [...GIT_ID, '-C', work, 'add', '-A']);
      await run('git', [...GIT_ID, '-C', work, 'commit', '-q', '-m', message]);
      await run('git', [...GIT_ID, '-C', work, 'push', '-q', bare, 'HEAD:refs/heads/main']);
    },
  };
}

/** `git daemon` over `base` on a free loopback port, until stop(). */
export async function gitDaemon(base: string, port?: number): Promise<{ port: number; stop: () => Promise<void> }> {
  const p = port ?? (await freePort());
  const child: ChildProcess = spawn('git', ['daemon', '--export-all', `--base-path=${base}`, '--listen=127.0.0.1', `--port=${p}`, '--reuseaddr', base], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(p, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port: p,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** An HTTP server on loopback answering files[path] (404 otherwise). */
/** content types by extension; anything else is served as YAML */
const TYPES: Record<string, string> = { json: 'application/json', png: 'image/png', svg: 'image/svg+xml', html: 'text/html' };

export async function fileServer(files: Record<string, string | Buffer>): Promise<{ url: (p: string) => string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[(req.url ?? '').split('.').pop() ?? ''] ?? 'text/yaml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: (p) => `http://127.0.0.1:${port}${p}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
