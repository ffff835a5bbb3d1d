import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as catalogList from '@/app/api/v1/catalog/route';
import * as catalogOne from '@/app/api/v1/catalog/[template]/route';
import * as catalogLogo from '@/app/api/v1/catalog/[template]/logo/route';
import * as renderRoute from '@/app/api/v1/catalog/[template]/render/route';
import * as sourceOne from '@/app/api/v1/catalog/sources/[sid]/route';
import * as refreshRoute from '@/app/api/v1/catalog/sources/[sid]/refresh/route';
import * as sourcesRoute from '@/app/api/v1/catalog/sources/route';
import * as deployRoute from '@/app/api/v1/hosts/[id]/catalog/[template]/deploy/route';
import type { CatalogSourceView } from '@/lib/catalog-sources';
import type { CatalogListing, CatalogTemplate } from '@/lib/catalog-types';
import { type Berth, installBerth, startBerth } from '@/server/context';
import { startCatalogSources } from '@/server/catalog/sources/service';
import { createHost } from '@/server/hosts/service';
import { fileServer, freePort, gitDaemon, gitRepo } from './catalog-sources-support';
import { cleanupProject } from './stacks-support';
import { docker, errorMessage, freshBerth, harness, params, req, resetPostgres, signUp, stackNamer, uniqueName, waitFor } from './support';

/**
 * Catalog sources against real git and HTTP servers on loopback (git daemon, a node HTTP server) and daemon A: a git
 * repository in Berth's format and Portainer/CapRover files are added, their templates listed, rendered and deployed;
 * a refresh picks up a new commit; a failing refresh keeps the last good templates (also after a restart); and every
 * bad input is refused with its cause, leaving nothing saved.
 */
const ENGINE = harness().DOCKER_A_SOCKET;
const IMAGE = harness().TEST_IMAGE;
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sources-'));
let berth: Berth;
let host = '';
let daemon: Awaited<ReturnType<typeof gitDaemon>>;
let files: Awaited<ReturnType<typeof fileServer>>;
let logos: Awaited<ReturnType<typeof fileServer>>;
/** a 1×1 PNG, an imported template's logo */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
let catalogRepo: Awaited<ReturnType<typeof gitRepo>>;
const projects: string[] = [];
const saved = { insecure: process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES, refresh: process.env.BERTH_CATALOG_REFRESH_MINUTES };

const project = stackNamer(projects);
const sleeper = `    image: ${IMAGE}\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]\n`;
const gitUrl = (name: string) => `git://127.0.0.1:${daemon.port}/${name}.git`;

const sources = async (token?: string) => sourcesRoute.GET(req('/api/v1/catalog/sources', { token }), params({}));
const add = (json: unknown, token?: string) => sourcesRoute.POST(req('/api/v1/catalog/sources', { method: 'POST', json, token }), params({}));
const refresh = (sid: string) => refreshRoute.POST(req(`/api/v1/catalog/sources/${sid}/refresh`, { method: 'POST' }), params({ sid }));
const remove = (sid: string) => sourceOne.DELETE(req(`/api/v1/catalog/sources/${sid}`, { method: 'DELETE' }), params({ sid }));
const listing = async () => (await (await catalogList.GET(req('/api/v1/catalog'), params({}))).json()) as CatalogListing;
// Next hands a dynamic segment over as the browser sent it: "<source>%2F<template>"
const readOne = (id: string) => catalogOne.GET(req(`/api/v1/catalog/${encodeURIComponent(id)}`), params({ template: encodeURIComponent(id) }));
const render = (id: string, answers: Record<string, unknown>) =>
  renderRoute.POST(
    req(`/api/v1/catalog/${encodeURIComponent(id)}/render`, { method: 'POST', json: { answers } }),
    params({ template: encodeURIComponent(id) }),
  );
const deploy = (id: string, json: unknown) =>
  deployRoute.POST(
    req(`/api/v1/hosts/${host}/catalog/${encodeURIComponent(id)}/deploy`, { method: 'POST', json }),
    params({ id: host, template: encodeURIComponent(id) }),
  );
const cacheDirs = () =>
  fs.existsSync(path.join(berth.config.dataDir, 'catalog-sources')) ? fs.readdirSync(path.join(berth.config.dataDir, 'catalog-sources')) : [];

async function ok<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as T;
}
async function refused(res: Response | Promise<Response>, status: number, message: RegExp): Promise<void> {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  expect(body.error.message).toMatch(message);
}

const templateFiles = (id: string, name: string, env = 'HELLO') => ({
  [`templates/${id}/template.yml`]: `name: ${name}\ndescription: busybox that sleeps\ncategories: [Test]\n`,
  [`templates/${id}/versions/1.0/questions.yml`]: 'questions:\n  - variable: greeting\n    type: string\n    default: hi\n',
  [`templates/${id}/versions/1.0/compose.yml`]: `services:\n  app:\n${sleeper}    environment:\n      ${env}: "{{greeting}}"\n`,
});

const portainer = () =>
  JSON.stringify({
    version: '3',
    templates: [
      {
        type: 1,
        title: 'Sleeper',
        name: 'sleeper',
        logo: logos.url('/sleeper.png'),
        description: 'one container',
        image: IMAGE,
        command: 'sleep 600',
        env: [{ name: 'MOOD', default: 'calm' }],
        stop_signal: 'SIGINT',
      },
      {
        type: 3,
        title: 'Stack sleeper',
        name: 'stack-sleeper',
        logo: logos.url('/not-an-image.html'),
        description: 'a compose file from a repository',
        repository: { url: gitUrl('stacks'), stackfile: 'sleeper/docker-compose.yml' },
        env: [{ name: 'GREETING', label: 'Greeting', default: 'hello' }],
      },
      { type: 3, title: 'Gone', name: 'gone', description: 'its repository does not exist', repository: { url: gitUrl('no-such-repo'), stackfile: 'x.yml' } },
    ],
  });

const caprover = `captainVersion: 4
services:
  $$cap_appname:
    image: ${IMAGE}
    command: sleep 600
    environment:
      MESSAGE: $$cap_message
caproverOneClickApp:
  variables:
    - id: $$cap_message
      label: Message
      defaultValue: hello
  displayName: Echo
  description: says hello
  instructions:
    start: starts
    end: done
`;

beforeAll(async () => {
  // git:// and http:// on loopback: the documented switch for trusted networks; no background refresh during the suite
  process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES = '1';
  process.env.BERTH_CATALOG_REFRESH_MINUTES = '0';
  catalogRepo = await gitRepo(base, 'catalog');
  await catalogRepo.commit(
    {
      ...templateFiles('echo', 'Echo sleeper'),
      'templates/broken/template.yml': 'name: Broken\ndescription: a bad question\n',
      'templates/broken/versions/1.0/questions.yml': 'questions:\n  - variable: x\n    type: colour\n',
      'templates/broken/versions/1.0/compose.yml': `services:\n  app:\n${sleeper}`,
    },
    'first',
  );
  const stacks = await gitRepo(base, 'stacks');
  await stacks.commit({ 'sleeper/docker-compose.yml': `services:\n  app:\n${sleeper}    environment:\n      GREETING: \${GREETING}\n` }, 'stack');
  daemon = await gitDaemon(base);
  logos = await fileServer({ '/sleeper.png': PNG, '/not-an-image.html': '<html>hello</html>' });
  files = await fileServer({
    '/portainer.json': portainer(),
    '/caprover.yml': caprover,
    '/notes.txt': 'just some notes\n',
    '/bad-type.json': JSON.stringify({ version: '3', templates: [{ type: 4, title: 'X' }] }),
  });
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
});

afterAll(async () => {
  for (const p of projects.reverse()) await cleanupProject(ENGINE, p);
  await berth?.close();
  await daemon?.stop();
  await files?.close();
  await logos?.close();
  process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES = saved.insecure;
  process.env.BERTH_CATALOG_REFRESH_MINUTES = saved.refresh;
  if (saved.insecure === undefined) delete process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES;
  if (saved.refresh === undefined) delete process.env.BERTH_CATALOG_REFRESH_MINUTES;
  fs.rmSync(base, { recursive: true, force: true });
});

describe('bad sources are refused with their cause, and leave nothing saved', () => {
  const cases: [string, unknown, number, RegExp][] = [
    [
      'a git URL starting with "-"',
      { kind: 'git', name: 'dash', url: '--upload-pack=touch /tmp/berth-pwned' },
      400,
      /starts with "-", which git would read as an option/,
    ],
    [
      'the ext:: transport',
      { kind: 'git', name: 'ext', url: 'ext::sh -c touch% /tmp/berth-pwned' },
      400,
      /"ext::" transport, which makes git run a helper program/,
    ],
    ['the ext:: transport (no spaces)', { kind: 'git', name: 'ext', url: 'ext::true' }, 400, /"ext::" transport, which makes git run a helper program/],
    ['the file:: transport', { kind: 'git', name: 'file', url: 'file::/etc' }, 400, /"file::" transport/],
    ['an SSH address', { kind: 'git', name: 'ssh', url: 'git@example.com:acme/catalog.git' }, 400, /SSH addresses/],
    ['a URL that is not http(s)', { kind: 'url', name: 'ftp', url: 'ftp://127.0.0.1/templates.json' }, 400, /ftp:, not http\(s\)/],
    [
      'a git repository that does not exist',
      { kind: 'git', name: 'nothing', url: 'git://127.0.0.1:1/nothing.git' },
      502,
      /Could not clone git:\/\/127\.0\.0\.1:1\/nothing\.git: unable to connect to 127\.0\.0\.1.*Connection refused; check the URL/,
    ],
    ['a name giving no id', { kind: 'git', name: '!!!', url: 'https://example.com/r.git' }, 400, /Name needs a letter or digit/],
    ['an unknown kind', { kind: 'svn', name: 'x', url: 'https://example.com/r' }, 400, /kind is git .*, url .* or file/],
  ];
  for (const [what, body, status, message] of cases) {
    it(what, async () => {
      await refused(add(body), status, message);
      expect((await ok<{ sources: CatalogSourceView[] }>(sources())).sources).toEqual([]);
      expect(cacheDirs()).toEqual([]);
    });
  }

  it('an unreachable URL, a file in no known format, a Portainer JSON with an unknown template type', async () => {
    const closed = await freePort();
    await refused(
      add({ kind: 'url', name: 'down', url: `http://127.0.0.1:${closed}/templates.json` }),
      502,
      new RegExp(`Could not fetch http://127\\.0\\.0\\.1:${closed}/templates\\.json: ECONNREFUSED`),
    );
    await refused(add({ kind: 'url', name: 'missing', url: files.url('/nope.json') }), 502, /answered 404/);
    await refused(add({ kind: 'url', name: 'notes', url: files.url('/notes.txt') }), 400, /notes\.txt is in no format Berth imports: expected Portainer/);
    await refused(add({ kind: 'file', name: 'notes', fileName: 'notes.txt', text: 'just notes' }), 400, /in no format Berth imports/);
    await refused(
      add({ kind: 'url', name: 'bad-type', url: files.url('/bad-type.json') }),
      400,
      /templates\[0\] has type 4; Portainer's template types are 1 \(container\), 2 \(swarm stack\) and 3/,
    );
    expect((await ok<{ sources: CatalogSourceView[] }>(sources())).sources).toEqual([]);
    expect(cacheDirs()).toEqual([]);
  });

  it('git://, http:// and file:// only with BERTH_CATALOG_ALLOW_INSECURE_SOURCES=1', async () => {
    delete process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES;
    try {
      await refused(add({ kind: 'git', name: 'plain', url: gitUrl('catalog') }), 400, /git:\/\/, which is refused .*BERTH_CATALOG_ALLOW_INSECURE_SOURCES=1/);
      await refused(add({ kind: 'git', name: 'local', url: `file://${base}/catalog.git` }), 400, /reads a folder of the Berth server itself/);
      await refused(add({ kind: 'url', name: 'plain', url: files.url('/portainer.json') }), 400, /http:\/\/ is refused/);
    } finally {
      process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES = '1';
    }
    expect(cacheDirs()).toEqual([]);
  });

  it('sources are for admins only', async () => {
    const operator = await signUp(berth, uniqueName('op'), 'operator');
    expect((await sources(operator)).status).toBe(403);
    expect((await add({ kind: 'git', name: 'mine', url: gitUrl('catalog') }, operator)).status).toBe(403);
  });
});

describe('a git repository in Berth format', () => {
  it('is cloned; its good templates are listed as "<source>/<template>", the malformed one named by file and field', async () => {
    const { source } = await ok<{ source: CatalogSourceView }>(add({ kind: 'git', name: 'Team catalog', url: gitUrl('catalog') }), 201);
    expect(source).toMatchObject({ id: 'team-catalog', kind: 'git', url: gitUrl('catalog'), templateCount: 1, lastError: null });
    expect(source.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(source.problems).toContainEqual(
      expect.objectContaining({ template: 'team-catalog/broken', file: 'templates/broken/versions/1.0/questions.yml', field: 'questions[0].type' }),
    );
    const list = await listing();
    const t = list.templates.find((x) => x.id === 'team-catalog/echo');
    expect(t).toMatchObject({ name: 'Echo sleeper', origin: { catalog: 'team-catalog', format: 'berth' } });
    expect(list.templates.some((x) => x.id === 'wordpress')).toBe(true);
    expect(list.problems.some((p) => p.template === 'team-catalog/broken')).toBe(true);
  });

  it('reads, renders and deploys on daemon A through the template routes (the id holds "/")', { timeout: 120_000 }, async () => {
    const { template } = await ok<{ template: CatalogTemplate }>(readOne('team-catalog/echo'));
    expect(template.versions[0].questions.map((q) => q.variable)).toEqual(['greeting']);
    const { compose } = await ok<{ compose: string }>(render('team-catalog/echo', { greeting: 'a: {b}' }));
    expect(compose).toContain('HELLO: "a: {b}"');
    const stack = project('src-echo');
    await ok(deploy('team-catalog/echo', { stack, answers: { greeting: 'from git' }, wait: true }), 201);
    expect(await docker(ENGINE, 'inspect', '-f', '{{.State.Running}} {{range .Config.Env}}{{println .}}{{end}}', `${stack}-app-1`)).toMatch(
      /^true[\s\S]*HELLO=from git/,
    );
  });

  it('a refresh picks up a new commit', async () => {
    await catalogRepo.commit(templateFiles('second', 'Second sleeper', 'SECOND'), 'second');
    const { source } = await ok<{ source: CatalogSourceView }>(refresh('team-catalog'));
    expect(source.templateCount).toBe(2);
    expect((await listing()).templates.map((t) => t.id)).toEqual(expect.arrayContaining(['team-catalog/echo', 'team-catalog/second']));
  });

  it('a failing refresh records its cause and keeps the last good templates, also after a restart', { timeout: 60_000 }, async () => {
    await daemon.stop();
    try {
      await refused(refresh('team-catalog'), 502, /Refreshing catalog source team-catalog failed: Could not update git:\/\/.*the last good copy \(2 templates/);
      const { sources: list } = await ok<{ sources: CatalogSourceView[] }>(sources());
      const s = list.find((x) => x.id === 'team-catalog')!;
      expect(s.lastError).toMatch(/Could not update git:\/\/127\.0\.0\.1:\d+\/catalog\.git/);
      expect(s.templateCount).toBe(2);
      expect((await listing()).templates.filter((t) => t.id.startsWith('team-catalog/'))).toHaveLength(2);
      // a new process on the same data folder lists the cached copy without reaching the repository
      const again = await startBerth(berth.config);
      try {
        const ids = (await again.catalog.load()).templates.map((t) => t.id);
        expect(ids).toEqual(expect.arrayContaining(['team-catalog/echo', 'team-catalog/second']));
      } finally {
        await again.close();
      }
    } finally {
      daemon = await gitDaemon(base, daemon.port);
    }
    const { source } = await ok<{ source: CatalogSourceView }>(refresh('team-catalog'));
    expect(source.lastError).toBeNull();
  });

  it('the background refresh picks up a new commit by itself', { timeout: 60_000 }, async () => {
    // the worker startBerth starts, with a period of 300 ms instead of BERTH_CATALOG_REFRESH_MINUTES
    const stop = startCatalogSources(berth, { refreshMs: 300 });
    try {
      await catalogRepo.commit(templateFiles('third', 'Third sleeper', 'THIRD'), 'third');
      await waitFor(
        'the scheduled refresh to list team-catalog/third',
        async () => (await listing()).templates.some((t) => t.id === 'team-catalog/third'),
        30_000,
      );
    } finally {
      await stop();
    }
    const { sources: list } = await ok<{ sources: CatalogSourceView[] }>(sources());
    expect(list.find((x) => x.id === 'team-catalog')).toMatchObject({ templateCount: 3, lastError: null });
  });

  it('an optional folder holds templates/; a folder without one is refused', async () => {
    const nested = Object.entries(templateFiles('nested', 'Nested sleeper')).map(([k, v]) => [`more/${k}`, v]);
    await catalogRepo.commit(Object.fromEntries(nested), 'nested');
    const { source } = await ok<{ source: CatalogSourceView }>(add({ kind: 'git', name: 'more', url: gitUrl('catalog'), path: 'more' }), 201);
    expect(source.templateCount).toBe(1);
    await refused(add({ kind: 'git', name: 'elsewhere', url: gitUrl('catalog'), path: 'nowhere' }), 400, /has no folder nowhere\/templates/);
    await refused(add({ kind: 'git', name: 'up', url: gitUrl('catalog'), path: '../..' }), 400, /no "\.\."/);
    await ok(remove('more'));
  });
});

describe('catalog files in imported formats', () => {
  it(
    'a Portainer JSON by URL: the stack template is fetched from its repository; one whose repository is missing is left out, named',
    { timeout: 120_000 },
    async () => {
      const { source } = await ok<{ source: CatalogSourceView }>(add({ kind: 'url', name: 'portainer', url: files.url('/portainer.json') }), 201);
      expect(source.templateCount).toBe(2);
      expect(source.unsupported).toContain('templates[0].stop_signal');
      expect(source.problems).toContainEqual(
        expect.objectContaining({ template: 'portainer/gone', message: expect.stringMatching(/repository git:\/\/127\.0\.0\.1:\d+\/no-such-repo\.git/) }),
      );
      const ids = (await listing()).templates.map((t) => t.id);
      expect(ids).toEqual(expect.arrayContaining(['portainer/sleeper', 'portainer/stack-sleeper']));
      expect(ids).not.toContain('portainer/gone');
      const { compose } = await ok<{ compose: string }>(render('portainer/stack-sleeper', { greeting: 'hey there' }));
      expect(compose).toContain('GREETING: "hey there"');
      // the logos on another server, which the page's CSP would not let the browser load, come through Berth
      const byId = new Map((await listing()).templates.map((t) => [t.id, t.logo]));
      const logoOf = (id: string) => catalogLogo.GET(req(byId.get(id)!), params({ template: id }));
      expect(byId.get('portainer/sleeper')).toMatch(/^\/api\/v1\/catalog\/portainer%2Fsleeper\/logo\?v=[0-9a-f]{16}$/);
      const png = await logoOf('portainer/sleeper');
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await png.arrayBuffer()).equals(PNG)).toBe(true);
      const page = await logoOf('portainer/stack-sleeper');
      expect(page.status).toBe(404);
      expect(await errorMessage(page)).toMatch(/could not be fetched: it answered text\/html, not an image/);
      const stack = project('src-portainer');
      await ok(deploy('portainer/stack-sleeper', { stack, answers: { greeting: 'imported' }, wait: true }), 201);
      expect(await docker(ENGINE, 'inspect', '-f', '{{range .Config.Env}}{{println .}}{{end}}', `${stack}-app-1`)).toMatch(/GREETING=imported/);
    },
  );

  it('a CapRover file, by URL and uploaded, renders and deploys', { timeout: 120_000 }, async () => {
    const { source } = await ok<{ source: CatalogSourceView }>(
      add({ kind: 'url', name: 'caprover', url: files.url('/caprover.yml'), format: 'caprover' }),
      201,
    );
    expect(source).toMatchObject({ templateCount: 1, format: 'caprover' });
    const up = await ok<{ source: CatalogSourceView }>(add({ kind: 'file', name: 'uploaded', fileName: 'echo.yml', text: caprover }), 201);
    expect(up.source).toMatchObject({ kind: 'file', url: null, fileName: 'echo.yml', templateCount: 1 });
    const id = (await listing()).templates.find((t) => t.id.startsWith('uploaded/'))!.id;
    expect(id).toBe('uploaded/echo');
    const stack = project('src-caprover');
    await ok(deploy(id, { stack, answers: { message: 'uploaded file' }, wait: true }), 201);
    // a refresh of an uploaded file reads the kept copy again
    expect((await ok<{ source: CatalogSourceView }>(refresh('uploaded'))).source.templateCount).toBe(1);
  });

  it('a source with an id that exists is refused; removing a source takes its templates and files away', async () => {
    await refused(add({ kind: 'url', name: 'Portainer', url: files.url('/portainer.json') }), 409, /id portainer exists already/);
    await ok(remove('caprover'));
    expect((await listing()).templates.some((t) => t.id.startsWith('caprover/'))).toBe(false);
    expect(cacheDirs()).not.toContain('caprover');
    await refused(remove('caprover'), 404, /no catalog source caprover/);
    await refused(refresh('caprover'), 404, /no catalog source caprover/);
  });
});

describe('on PostgreSQL', () => {
  it('sources are saved, listed, refreshed and removed', { timeout: 60_000 }, async () => {
    // a database of this suite's own, so the other suites' PostgreSQL store is left alone
    const url = new URL(harness().PG_URL);
    const admin = new pg.Client({ connectionString: url.href });
    await admin.connect();
    await admin.query('CREATE DATABASE berth_catalog_sources').catch((e: { code?: string }) => {
      if (e.code !== '42P04') throw e; // exists already
    });
    await admin.end();
    url.pathname = '/berth_catalog_sources';
    await resetPostgres(url.href);
    const onPg = await freshBerth('sqlite', { DATABASE_URL: url.href });
    try {
      installBerth(onPg);
      const added = await ok<{ source: CatalogSourceView }>(add({ kind: 'git', name: 'pg-git', url: gitUrl('catalog') }), 201);
      expect(added.source.templateCount).toBeGreaterThanOrEqual(2);
      await ok(add({ kind: 'file', name: 'pg-file', fileName: 'echo.yml', text: caprover }), 201);
      const { sources: list } = await ok<{ sources: CatalogSourceView[] }>(sources());
      expect(list.map((x) => x.id)).toEqual(['pg-file', 'pg-git']);
      expect(list[1].problems.length).toBeGreaterThan(0);
      expect((await ok<{ source: CatalogSourceView }>(refresh('pg-git'))).source.lastError).toBeNull();
      await ok(remove('pg-file'));
      expect((await ok<{ sources: CatalogSourceView[] }>(sources())).sources.map((x) => x.id)).toEqual(['pg-git']);
    } finally {
      await onPg.close();
      installBerth(berth);
    }
  });
});
