'use strict';
/**
 * Preloaded (node --require) into the Berth server the bench starts. Why: server.ts calls app.getUpgradeHandler()
 * BEFORE app.prepare(), and Next 16's custom-server wrapper throws "prepare() must be called before performing this
 * operation" there, so `tsx server.ts` exits at once (e2e/serve.sh too). Until server.ts is fixed (move that line
 * below `await app.prepare()`), this shim makes the early call return a handler that looks Next's up lazily.
 * It changes nothing else, and does nothing at all once server.ts no longer calls it early.
 */
const Module = require('node:module');
const path = require('node:path');

const nextMain = require.resolve('next', { paths: [path.resolve(__dirname, '../..')] });
const createServer = require(nextMain);

function patched(options) {
  const app = createServer(options);
  if (app && typeof app.getUpgradeHandler === 'function') {
    const original = app.getUpgradeHandler.bind(app);
    app.getUpgradeHandler = () => {
      try {
        return original();
      } catch {
        if (process.env.BERTH_BENCH_SHIM_QUIET !== '1') console.warn('bench shim: getUpgradeHandler() called before prepare(); deferring it');
        return (req, socket, head) => original()(req, socket, head);
      }
    };
  }
  return app;
}
Object.assign(patched, createServer);
patched.default = patched;
Module._cache[nextMain].exports = patched;
