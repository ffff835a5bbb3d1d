import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import next from 'next';
import { ConfigError, loadConfig } from './server/config';
import { installBerth } from './server/berth';
import { startBerth } from './server/context';
import { EXEC_PATH, handleExecUpgrade } from './server/exec/terminal';
import { securityHeaders } from './server/http/security-headers';

/**
 * Berth's process: Next's request handler plus one table of WebSocket upgrade paths. Each upgrade handler must
 * authorize and check Origin itself before accepting.
 */
type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
const upgrades: { path: RegExp; handle: UpgradeHandler }[] = [{ path: EXEC_PATH, handle: (req, socket, head) => void handleExecUpgrade(req, socket, head) }];

/**
 * The audit log records the address Berth's socket saw, in a header a client cannot set (any incoming value is
 * overwritten). Berth itself speaks plain HTTP, so a request without x-forwarded-proto came over http.
 */
function markPeer(req: http.IncomingMessage): void {
  req.headers['x-berth-peer'] = req.socket.remoteAddress ?? 'unknown';
  if (!req.headers['x-forwarded-proto']) req.headers['x-forwarded-proto'] = 'http';
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const dev = process.argv.includes('--dev');
  // next-auth builds OAuth callback URLs from NEXTAUTH_URL, or from the request's Host when told to trust it.
  if (config.auth.publicUrl) process.env.NEXTAUTH_URL = config.auth.publicUrl;
  else process.env.AUTH_TRUST_HOST = '1';
  // Next attaches its own 'upgrade' listener to the server it is given (or, failing that, to the server of the first
  // request), and that listener would take every upgrade, the exec terminal's included. It gets a stand-in emitter
  // instead, and only the upgrades meant for Next (dev hot reload under /_next/) are passed to it.
  const nextUpgrades = new EventEmitter();
  const app = next({ dev, hostname: config.hostname, port: config.port, httpServer: nextUpgrades as unknown as http.Server });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Start the domain before listening: migrations, host runtimes, background work and the first-start registration.
  const berth = await startBerth(config, { healthChecker: true, warmCatalog: true });
  installBerth(berth);

  const headerOptions = { publicUrl: config.auth.publicUrl, githubUrl: config.auth.github?.webUrl, dev };
  const server = http.createServer((req, res) => {
    markPeer(req);
    const host = req.headers['x-forwarded-host'] ?? req.headers.host;
    for (const [name, value] of Object.entries(securityHeaders({ ...headerOptions, host: Array.isArray(host) ? host[0] : host }))) {
      res.setHeader(name, value);
    }
    void handle(req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    markPeer(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = upgrades.find((u) => u.path.test(path));
    if (route) return route.handle(req, socket, head);
    if (path.startsWith('/_next/')) return void nextUpgrades.emit('upgrade', req, socket, head);
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
  });
  server.listen(config.port, config.hostname, () => {
    console.log(
      `berth: listening on http://${config.hostname === '0.0.0.0' ? 'localhost' : config.hostname}:${config.port} (${config.databaseUrl ? 'PostgreSQL' : 'SQLite in ' + config.dataDir})`,
    );
  });

  const shutdown = () => {
    server.close();
    // close() stops the background work first (the health checker saves its last streak counts) and then the store
    void berth
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((e) => {
  console.error(`berth: failed to start: ${(e as Error).message}`);
  process.exit(1);
});
