import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { CatalogSourceView } from '@/lib/catalog-sources';
import type { CatalogTemplate } from '@/lib/catalog-types';
import { installBerth, startBerth } from '@/server/context';
import { startCatalogSources } from '@/server/catalog/sources/service';
import { gitDaemon, gitRepo } from './catalog-sources-support';
import { add, caprover, catalogSuite, ENGINE, listing, ok, readOne, refresh, refused, remove, render, sleeper, sources } from './catalog-sources-suite';
import { docker, freshBerth, harness, resetPostgres, signUp, uniqueName, waitFor } from './support';

/**
 * Catalog sources against a real git daemon on loopback and daemon A: a git repository in Berth's format is added, its
 * templates listed, rendered and deployed; a refresh picks up a new commit; a failing refresh keeps the last good
 * templates (also after a restart); sources live in PostgreSQL as in SQLite; and every bad source is refused with its
 * cause, leaving nothing saved. Imported formats (Portainer, CapRover) and their logos: catalog-imports.test.ts.
 */
let catalogRepo: Awaited<ReturnType<typeof gitRepo>>;

const templateFiles = (id: string, name: string, env = 'HELLO') => ({
  [`templates/${id}/template.yml`]: `name: ${name}\ndescription: busybox that sleeps\ncategories: [Test]\n`,
  [`templates/${id}/versions/1.0/questions.yml`]: 'questions:\n  - variable: greeting\n    type: string\n    default: hi\n',
  [`templates/${id}/versions/1.0/compose.yml`]: `services:\n  app:\n${sleeper}    environment:\n      ${env}: "{{greeting}}"\n`,
});

const suite = catalogSuite(async (base) => {
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
      expect(suite.cacheDirs()).toEqual([]);
    });
  }

  it('git://, http:// and file:// only with BERTH_CATALOG_ALLOW_INSECURE_SOURCES=1', async () => {
    delete process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES;
    try {
      await refused(
        add({ kind: 'git', name: 'plain', url: suite.gitUrl('catalog') }),
        400,
        /git:\/\/, which is refused .*BERTH_CATALOG_ALLOW_INSECURE_SOURCES=1/,
      );
      await refused(add({ kind: 'git', name: 'local', url: `file://${suite.base}/catalog.git` }), 400, /reads a folder of the Berth server itself/);
      // refused before any download: nothing needs to listen there
      await refused(add({ kind: 'url', name: 'plain', url: 'http://127.0.0.1:1/portainer.json' }), 400, /http:\/\/ is refused/);
    } finally {
      process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES = '1';
    }
    expect(suite.cacheDirs()).toEqual([]);
  });

  it('sources are for admins only', async () => {
    const operator = await signUp(suite.berth, uniqueName('op'), 'operator');
    expect((await sources(operator)).status).toBe(403);
    expect((await add({ kind: 'git', name: 'mine', url: suite.gitUrl('catalog') }, operator)).status).toBe(403);
  });
});

describe('a git repository in Berth format', () => {
  it('is cloned; its good templates are listed as "<source>/<template>", the malformed one named by file and field', async () => {
    const { source } = await ok<{ source: CatalogSourceView }>(add({ kind: 'git', name: 'Team catalog', url: suite.gitUrl('catalog') }), 201);
    expect(source).toMatchObject({ id: 'team-catalog', kind: 'git', url: suite.gitUrl('catalog'), templateCount: 1, lastError: null });
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
    const stack = suite.project('src-echo');
    await ok(suite.deploy('team-catalog/echo', { stack, answers: { greeting: 'from git' }, wait: true }), 201);
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
    await suite.daemon.stop();
    try {
      await refused(refresh('team-catalog'), 502, /Refreshing catalog source team-catalog failed: Could not update git:\/\/.*the last good copy \(2 templates/);
      const { sources: list } = await ok<{ sources: CatalogSourceView[] }>(sources());
      const s = list.find((x) => x.id === 'team-catalog')!;
      expect(s.lastError).toMatch(/Could not update git:\/\/127\.0\.0\.1:\d+\/catalog\.git/);
      expect(s.templateCount).toBe(2);
      expect((await listing()).templates.filter((t) => t.id.startsWith('team-catalog/'))).toHaveLength(2);
      // a new process on the same data folder lists the cached copy without reaching the repository
      const again = await startBerth(suite.berth.config);
      try {
        const ids = (await again.catalog.load()).templates.map((t) => t.id);
        expect(ids).toEqual(expect.arrayContaining(['team-catalog/echo', 'team-catalog/second']));
      } finally {
        await again.close();
      }
    } finally {
      suite.daemon = await gitDaemon(suite.base, suite.daemon.port);
    }
    const { source } = await ok<{ source: CatalogSourceView }>(refresh('team-catalog'));
    expect(source.lastError).toBeNull();
  });

  it('the background refresh picks up a new commit by itself', { timeout: 60_000 }, async () => {
    // the worker startBerth starts, with a period of 300 ms instead of BERTH_CATALOG_REFRESH_MINUTES
    const stop = startCatalogSources(suite.berth, { refreshMs: 300 });
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
    const { source } = await ok<{ source: CatalogSourceView }>(add({ kind: 'git', name: 'more', url: suite.gitUrl('catalog'), path: 'more' }), 201);
    expect(source.templateCount).toBe(1);
    await refused(add({ kind: 'git', name: 'elsewhere', url: suite.gitUrl('catalog'), path: 'nowhere' }), 400, /has no folder nowhere\/templates/);
    await refused(add({ kind: 'git', name: 'up', url: suite.gitUrl('catalog'), path: '../..' }), 400, /no "\.\."/);
    await ok(remove('more'));
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
      const added = await ok<{ source: CatalogSourceView }>(add({ kind: 'git', name: 'pg-git', url: suite.gitUrl('catalog') }), 201);
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
      installBerth(suite.berth);
    }
  });
});
