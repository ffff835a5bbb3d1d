import { beforeAll, describe, expect, it } from 'vitest';
import * as catalogLogo from '@/app/api/v1/catalog/[template]/logo/route';
import type { CatalogSourceView } from '@/lib/catalog-sources';
import { installBerth, startBerth } from '@/server/context';
import { fileServer, freePort, gitRepo } from './catalog-sources-support';
import { add, caprover, catalogSuite, ENGINE, IMAGE, listing, ok, refresh, refused, remove, render, sleeper, sources } from './catalog-sources-suite';
import { docker, errorMessage, params, req } from './support';

/**
 * Catalog files in the formats Berth imports, against loopback servers (a node HTTP server for the files and their
 * logos, a git daemon for a Portainer stack's repository) and daemon A: Portainer and CapRover files by URL and
 * uploaded are listed, rendered and deployed; bad files are refused with their cause; their logos on another server
 * come through Berth, one download however many ask at once.
 */
let files: Awaited<ReturnType<typeof fileServer>>;
let logos: Awaited<ReturnType<typeof fileServer>>;
/** a 1×1 PNG, an imported template's logo */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** requests the logo server got for /counted.png */
let counted = 0;

const suite = catalogSuite(
  async (base) => {
    const stacks = await gitRepo(base, 'stacks');
    await stacks.commit({ 'sleeper/docker-compose.yml': `services:\n  app:\n${sleeper}    environment:\n      GREETING: \${GREETING}\n` }, 'stack');
  },
  [() => files?.close(), () => logos?.close()],
);

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
        repository: { url: suite.gitUrl('stacks'), stackfile: 'sleeper/docker-compose.yml' },
        env: [{ name: 'GREETING', label: 'Greeting', default: 'hello' }],
      },
      {
        type: 3,
        title: 'Gone',
        name: 'gone',
        description: 'its repository does not exist',
        repository: { url: suite.gitUrl('no-such-repo'), stackfile: 'x.yml' },
      },
    ],
  });

/** GET a template's logo by the URL the listing gives it */
async function logoOf(id: string): Promise<Response> {
  const url = (await listing()).templates.find((t) => t.id === id)?.logo;
  expect(url, `the listing's logo of ${id}`).toBeTruthy();
  return catalogLogo.GET(req(url!), params({ template: id }));
}

beforeAll(async () => {
  logos = await fileServer({
    '/sleeper.png': PNG,
    '/not-an-image.html': '<html>hello</html>',
    // fileServer looks its table up once per request: the getter counts them
    get '/counted.png'() {
      counted++;
      return PNG;
    },
  });
  files = await fileServer({
    '/portainer.json': portainer(),
    '/caprover.yml': caprover,
    '/notes.txt': 'just some notes\n',
    '/bad-type.json': JSON.stringify({ version: '3', templates: [{ type: 4, title: 'X' }] }),
  });
});

describe('bad imported files are refused with their cause, and leave nothing saved', () => {
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
    expect(suite.cacheDirs()).toEqual([]);
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
      expect(byId.get('portainer/sleeper')).toMatch(/^\/api\/v1\/catalog\/portainer%2Fsleeper\/logo\?v=[0-9a-f]{16}$/);
      const png = await logoOf('portainer/sleeper');
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await png.arrayBuffer()).equals(PNG)).toBe(true);
      const page = await logoOf('portainer/stack-sleeper');
      expect(page.status).toBe(404);
      expect(await errorMessage(page)).toMatch(/could not be fetched: it answered text\/html, not an image/);
      const stack = suite.project('src-portainer');
      await ok(suite.deploy('portainer/stack-sleeper', { stack, answers: { greeting: 'imported' }, wait: true }), 201);
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
    const stack = suite.project('src-caprover');
    await ok(suite.deploy(id, { stack, answers: { message: 'uploaded file' }, wait: true }), 201);
    // a refresh of an uploaded file reads the kept copy again
    expect((await ok<{ source: CatalogSourceView }>(refresh('uploaded'))).source.templateCount).toBe(1);
  });

  it('a source with an id that exists is refused; removing a source takes its templates and files away', async () => {
    await refused(add({ kind: 'url', name: 'Portainer', url: files.url('/portainer.json') }), 409, /id portainer exists already/);
    await ok(remove('caprover'));
    expect((await listing()).templates.some((t) => t.id.startsWith('caprover/'))).toBe(false);
    expect(suite.cacheDirs()).not.toContain('caprover');
    await refused(remove('caprover'), 404, /no catalog source caprover/);
    await refused(refresh('caprover'), 404, /no catalog source caprover/);
  });
});

describe('imported logos', () => {
  it('two concurrent first requests for a logo make one request to its server; another Berth fetches its own', async () => {
    const one = { type: 1, title: 'Counted', name: 'counted', logo: logos.url('/counted.png'), description: 'its logo is counted', image: IMAGE };
    await ok(add({ kind: 'file', name: 'counted', fileName: 'counted.json', text: JSON.stringify({ version: '3', templates: [one] }) }), 201);
    const [a, b] = await Promise.all([logoOf('counted/counted'), logoOf('counted/counted')]);
    for (const r of [a, b]) {
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await r.arrayBuffer()).equals(PNG)).toBe(true);
    }
    expect(counted).toBe(1);
    expect((await logoOf('counted/counted')).status).toBe(200);
    expect(counted).toBe(1);
    // a second Berth in the same process (on the same data folder) shares no logos with the first
    const again = await startBerth(suite.berth.config);
    try {
      installBerth(again);
      expect((await logoOf('counted/counted')).status).toBe(200);
      expect(counted).toBe(2);
    } finally {
      installBerth(suite.berth);
      await again.close();
    }
  });
});
