import { startFakeGitHub } from '../test/github-fake/server';
import { E2E_GITHUB } from './accounts';

/**
 * The GitHub the end-to-end Berth signs in against (github.com is unreachable here): started by Playwright before
 * Berth, on E2E_PORT + 1000, with the organization, teams and users the sign-in specs use.
 */
async function main() {
  const port = Number(process.env.E2E_PORT ?? 3210);
  const gh = await startFakeGitHub({
    port: port + 1000,
    seed: {
      users: E2E_GITHUB.users.map((login) => ({ login, name: login[0].toUpperCase() + login.slice(1) })),
      orgs: [
        {
          login: 'acme',
          members: ['alice', 'bob', 'carol'],
          teams: [
            { slug: 'ops', name: 'Ops', members: ['alice', 'carol'] },
            { slug: 'devs', name: 'Devs', members: ['bob'] },
          ],
        },
      ],
      clients: [{ clientId: E2E_GITHUB.clientId, clientSecret: E2E_GITHUB.clientSecret, redirectUris: [`http://127.0.0.1:${port}/api/auth/callback/github`] }],
    },
  });
  console.log(`fake GitHub for e2e at ${gh.url}`);
  const stop = () => void gh.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
