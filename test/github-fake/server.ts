import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Control, type Seed, controlFor, handleControl } from './control';
import { originOf, sendJson } from './http';
import { accessToken, authorize } from './oauth';
import { handleRest } from './rest';
import { GitHubState } from './state';

/**
 * A GitHub-compatible OAuth + REST server for tests, since github.com is out of reach from the test machines.
 * One port serves everything: the web flow at /login/oauth/*, the REST API both at /api/v3/* (GitHub Enterprise
 * style) and at the root (github.com style, where api.github.com has no prefix), and the control API at /_control/*.
 */

export interface FakeGitHub extends Control {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** Where /login/oauth/authorize and /login/oauth/access_token live; equals url. */
  webUrl: string;
  /** url + '/api/v3', as on GitHub Enterprise Server. The same routes also answer at url itself. */
  apiUrl: string;
  close(): Promise<void>;
}

export interface FakeGitHubOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: this server trusts anyone who reaches it, so it stays on loopback unless asked. */
  host?: string;
  seed?: Seed;
}

export async function startFakeGitHub(opts: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const state = new GitHubState();
  const control = controlFor(state);
  if (opts.seed) control.seed(opts.seed);
  const host = opts.host ?? '127.0.0.1';
  let base = '';

  const server = createServer((req, res) => {
    route(state, control, req, res, base).catch((e: unknown) => {
      // A fake that hides its own failures would make a test fail somewhere far away; say what broke, loudly.
      const message = `fake GitHub failed on ${req.method} ${req.url}: ${e instanceof Error ? e.stack : String(e)}`;
      if (res.headersSent) res.destroy(new Error(message));
      else sendJson(res, 500, { message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    ...control,
    url: base,
    webUrl: base,
    apiUrl: `${base}/api/v3`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections from fetch would otherwise hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}

async function route(state: GitHubState, control: Control, req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
  const origin = originOf(req, base);
  // Concatenated rather than resolved, so a request line like `//other-host/x` cannot change the URL's host.
  const url = new URL(`${origin}${req.url ?? '/'}`);
  const path = url.pathname;

  if (path.startsWith('/_control/')) return handleControl(control, req, path.slice('/_control/'.length), res);
  if (path === '/login/oauth/authorize' && req.method === 'GET') return authorize(state, url, res);
  if (path === '/login/oauth/access_token' && req.method === 'POST') return accessToken(state, req, url, res);
  const avatar = /^\/avatars\/u\/(\d+)$/.exec(path);
  if (avatar) return sendAvatar(res, Number(avatar[1]));

  const enterprise = path === '/api/v3' || path.startsWith('/api/v3/');
  const restPath = enterprise ? path.slice('/api/v3'.length) || '/' : path;
  handleRest(state, req, url, restPath, { web: origin, api: enterprise ? `${origin}/api/v3` : origin }, res);
}

/** avatar_url points here so a page that shows avatars loads a real image instead of a broken one. */
function sendAvatar(res: ServerResponse, id: number): void {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="hsl(${(id * 47) % 360},55%,55%)"/></svg>`;
  res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600', 'content-length': Buffer.byteLength(svg) });
  res.end(svg);
}
