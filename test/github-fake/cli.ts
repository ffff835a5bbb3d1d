import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Seed } from './control';
import { startFakeGitHub } from './server';

/**
 * Starts the fake GitHub in its own process: `npx tsx test/github-fake/cli.ts --port 0 --seed seed.json`.
 * Prints exactly one JSON line on stdout ({"url", "webUrl", "apiUrl"}) once it is listening, so a harness reads the
 * first line to learn the port; anything else goes to stderr. Stops on SIGINT or SIGTERM.
 */

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not '${values.port}'`);
  const seed = values.seed ? (JSON.parse(readFileSync(values.seed, 'utf8')) as Seed) : undefined;

  const gh = await startFakeGitHub({ port, host: values.host, seed });
  process.stdout.write(`${JSON.stringify({ url: gh.url, webUrl: gh.webUrl, apiUrl: gh.apiUrl })}\n`);

  const stop = () => {
    gh.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`fake GitHub did not close cleanly: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`fake GitHub failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
