import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { Seed } from './control';
import { type FakeGitHub, startFakeGitHub } from './server';

/** Driving the fake from another process: the HTTP control API and the CLI. */

const REPO = path.resolve(__dirname, '../..');
const CALLBACK = 'http://127.0.0.1:3000/api/auth/callback/github';

let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

async function control(base: string, method: string, args: unknown = {}) {
  const res = await fetch(`${base}/_control/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return { status: res.status, body: (await res.json()) as { result?: unknown; error?: string } };
}

/** authorize → token → /user/teams, all over HTTP; returns the team slugs the user sees. */
async function signInAndListTeams(base: string, clientId: string, secret: string): Promise<string[]> {
  const authorize = `${base}/login/oauth/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=read:org`;
  const back = await fetch(authorize, { redirect: 'manual' });
  expect(back.status).toBe(302);
  const code = new URL(back.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const token = await fetch(`${base}/login/oauth/access_token`, {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: new URLSearchParams({ client_id: clientId, client_secret: secret, code }),
  }).then((r) => r.json());
  const teams = await fetch(`${base}/api/v3/user/teams`, { headers: { authorization: `token ${token.access_token}` } }).then((r) => r.json());
  return teams.map((t: { slug: string }) => t.slug);
}

describe('HTTP control API', () => {
  it('builds the world, chooses who signs in, and lists tokens', async () => {
    gh = await startFakeGitHub();
    const c = (method: string, args?: unknown) => control(gh!.url, method, args);
    expect((await c('addUser', { login: 'dave', name: 'Dave' })).body.result).toMatchObject({ login: 'dave', id: expect.any(Number) });
    expect((await c('addOrg', { login: 'acme' })).status).toBe(200);
    expect((await c('addTeam', { org: 'acme', slug: 'admins', name: 'Admins' })).body.result).toMatchObject({ slug: 'admins' });
    expect((await c('addMember', { org: 'acme', login: 'dave', role: 'admin' })).status).toBe(200);
    expect((await c('addTeamMember', { org: 'acme', slug: 'admins', login: 'dave' })).status).toBe(200);
    expect((await c('registerClient', { clientId: 'cid', clientSecret: 'sec', redirectUris: [CALLBACK] })).status).toBe(200);
    expect((await c('setNextLogin', { login: 'dave' })).status).toBe(200);

    expect(await signInAndListTeams(gh.url, 'cid', 'sec')).toEqual(['admins']);

    const tokens = await fetch(`${gh.url}/_control/tokensIssued`).then((r) => r.json());
    expect(tokens.result).toEqual([expect.objectContaining({ login: 'dave', clientId: 'cid', scopes: ['read:org'] })]);

    await c('removeTeamMember', { org: 'acme', slug: 'admins', login: 'dave' });
    const teams = await fetch(`${gh.url}/user/teams`, {
      headers: { authorization: `Bearer ${tokens.result[0].token}` },
    }).then((r) => r.json());
    expect(teams).toEqual([]);

    await c('reset');
    expect((await fetch(`${gh.url}/users/dave`)).status).toBe(404);
  });

  it('says what is wrong with a bad call', async () => {
    gh = await startFakeGitHub();
    const unknownUser = await control(gh.url, 'addMember', { org: 'acme', login: 'ghost' });
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.body.error).toMatch(/no organization 'acme'/);
    expect((await control(gh.url, 'addUser', { name: 'no login' })).body.error).toMatch(/'login'/);
    expect((await control(gh.url, 'dropDatabase')).status).toBe(404);
    expect((await fetch(`${gh.url}/_control/addUser`)).status).toBe(405);
  });
});

describe('CLI', () => {
  it('starts from a seed file, prints its URL as one JSON line, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'github-fake-'));
    const seed: Seed = {
      users: [{ login: 'erin' }],
      orgs: [{ login: 'acme', teams: [{ slug: 'ops', members: ['erin'] }] }],
      clients: [{ clientId: 'cli-client', clientSecret: 'cli-secret', redirectUris: [CALLBACK] }],
      nextLogin: 'erin',
    };
    writeFileSync(path.join(dir, 'seed.json'), JSON.stringify(seed));
    const child = spawn(path.join(REPO, 'node_modules/.bin/tsx'), [path.join(__dirname, 'cli.ts'), '--port', '0', '--seed', path.join(dir, 'seed.json')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const first = await Promise.race([
        lines.next(),
        exited.then((code) => {
          throw new Error(`cli exited with ${code} before printing its URL: ${stderr}`);
        }),
      ]);
      const { url, apiUrl } = JSON.parse(String(first.value)) as { url: string; apiUrl: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(apiUrl).toBe(`${url}/api/v3`);

      expect(await signInAndListTeams(url, 'cli-client', 'cli-secret')).toEqual(['ops']);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await expect(fetch(`${url}/users/erin`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
