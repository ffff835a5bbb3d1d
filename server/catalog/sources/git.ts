import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { invalid, unreachable } from '../../errors';
import { gitProtocols, type SourceSettings } from './settings';

/**
 * The `git` program, run with argument arrays only (never a shell), for catalog sources and for the repositories
 * Portainer's stack templates name. Every call: no terminal prompt and no credential helpers (public repositories
 * only, a call never hangs on a password), no hooks, symlinks checked out as plain files (so a template cannot point
 * the loader at a file of the server), only the transports the settings allow (git's own protocol switches, which
 * also hold for redirects and submodules), a time limit, and a size limit watched while git writes.
 */

type GitLimits = Pick<SourceSettings, 'allowInsecure' | 'maxBytes' | 'timeoutMs'>;

function configArgs(allowInsecure: boolean): string[] {
  const protocols = gitProtocols(allowInsecure).flatMap((p) => ['-c', `protocol.${p}.allow=always`]);
  return [
    '-c',
    'core.hooksPath=/dev/null',
    '-c',
    'core.symlinks=false',
    '-c',
    'credential.helper=',
    '-c',
    'core.fsmonitor=false',
    '-c',
    'protocol.allow=never',
    ...protocols,
  ];
}

function gitEnv(): NodeJS.ProcessEnv {
  // not the server's environment: no askpass, proxies' credentials or user config reach git
  return {
    NODE_ENV: process.env.NODE_ENV,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    LANG: 'C',
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '/bin/false',
    GIT_PROTOCOL_FROM_USER: '0',
  };
}

/** Bytes under a folder (files only; a folder that vanished counts 0). */
export async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await sizeOf(p);
    else if (e.isFile()) total += (await fs.stat(p).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/** git's own explanation: from its first "fatal:"/"error:" line on (the cause often follows on the next line). */
function gitMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const first = lines.findIndex((l) => /^(fatal|error):/.test(l));
  return (first >= 0 ? lines.slice(first) : lines.slice(-1))
    .join(' ')
    .replace(/^(fatal|error): /, '')
    .slice(0, 500);
}

/** Runs git; rejects with git's own last message. `watch` is a folder whose size is checked while git runs. */
function git(args: string[], limits: GitLimits, watch?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stopped: Error | null = null;
    // an argument array, no shell; its own process group, so helpers it starts (remote-https, index-pack) stop with it
    const child = spawn('git', [...configArgs(limits.allowInsecure), ...args], { env: gitEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-1024 * 1024)));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-64 * 1024)));
    const stop = (why: Error) => {
      stopped = why;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => stop(new Error(`git took longer than ${limits.timeoutMs / 1000} s (BERTH_CATALOG_SOURCE_TIMEOUT_S)`)), limits.timeoutMs);
    const poll = setInterval(() => {
      if (!watch) return;
      void sizeOf(watch).then((n) => {
        if (n > limits.maxBytes && !stopped) stop(tooLarge(limits));
      });
    }, 500);
    const done = (err: Error | null, code: number | null) => {
      clearTimeout(timer);
      clearInterval(poll);
      if (stopped) reject(stopped);
      else if (err) reject(new Error(err.message.includes('ENOENT') ? 'the git program is not installed on the Berth server (install git)' : err.message));
      else if (code !== 0) reject(new Error(gitMessage(stderr) || `git exited with ${code}`));
      else resolve(stdout);
    };
    child.on('error', (e) => done(e, null));
    child.on('close', (code) => done(null, code));
  });
}

const tooLarge = (limits: GitLimits) =>
  invalid(
    `The repository is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MiB (BERTH_CATALOG_SOURCE_MAX_MB); point the source at a smaller repository`,
  );

/**
 * A shallow copy of the default branch of `url` in `dir`: cloned the first time (into a temporary folder, moved into
 * place once complete), later fetched and reset. A failure leaves the previous copy as it was (a fetch changes no
 * file; only a fetch that worked is checked out). Returns the commit checked out.
 */
export async function syncRepository(url: string, dir: string, limits: GitLimits): Promise<string> {
  const have = await fs.stat(path.join(dir, '.git')).then(
    () => true,
    () => false,
  );
  try {
    if (!have) {
      const tmp = `${dir}.clone-${crypto.randomBytes(4).toString('hex')}`;
      await fs.mkdir(path.dirname(dir), { recursive: true });
      try {
        await git(['clone', '--depth', '1', '--no-tags', '--', url, tmp], limits, tmp);
        if ((await sizeOf(tmp)) > limits.maxBytes) throw tooLarge(limits);
        await fs.rm(dir, { recursive: true, force: true });
        await fs.rename(tmp, dir);
      } finally {
        await fs.rm(tmp, { recursive: true, force: true });
      }
    } else {
      await git(['-C', dir, 'fetch', '--depth', '1', '--no-tags', 'origin'], limits, dir);
      if ((await sizeOf(dir)) > limits.maxBytes) throw tooLarge(limits);
      await git(['-C', dir, 'reset', '--hard', '--quiet', 'FETCH_HEAD'], limits);
      await git(['-C', dir, 'clean', '-ffdxq'], limits);
    }
    return (await git(['-C', dir, 'rev-parse', 'HEAD'], limits)).trim();
  } catch (e) {
    if ((e as { kind?: string }).kind) throw e;
    throw unreachable(
      `Could not ${have ? 'update' : 'clone'} ${url}: ${(e as Error).message}; check the URL, and that the repository is public and reachable from the Berth server`,
    );
  }
}

/** The cache folder of one repository, named by its URL (several templates of a catalog often share one). */
export const repositoryDir = (root: string, url: string) => path.join(root, crypto.createHash('sha256').update(url).digest('hex').slice(0, 16));
