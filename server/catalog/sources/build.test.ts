import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFromClone, buildFromFile } from './build';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-build-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(root: string, files: Record<string, string>): string {
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  }
  return root;
}

const portainer = fs.readFileSync(path.join(__dirname, '../import/fixtures/portainer-v3.json'), 'utf8');
const REPO = 'https://git.example.test/templates';
const stackFiles = {
  'compose/web/docker-compose.yml':
    'services:\n  web:\n    image: nginx:1.27\n    ports: ["${PUBLIC_PORT}:80"]\n    environment:\n      TOKEN: ${ADMIN_TOKEN}\n      MODE: ${MODE}\n',
  'stacks/cockroachdb/docker-stack.yml': 'services:\n  db:\n    image: cockroachdb/cockroach:${COCKROACH_VERSION}\n',
};

describe('buildFromFile', () => {
  it("fetches Portainer stack templates' files from their repository and turns their variables into placeholders", async () => {
    const repo = write(path.join(tmp, 'repo-ok'), stackFiles);
    const asked: string[] = [];
    const c = await buildFromFile('p', { name: 'templates.json', text: portainer }, async (r) => (asked.push(r), repo));
    expect(asked).toEqual([REPO]);
    expect(c.problems).toEqual([]);
    const web = c.templates.find((t) => t.versions[0].compose.includes('nginx:1.27') && t.versions[0].compose.includes('TOKEN'));
    expect(web?.versions[0].compose).toContain('{{');
    expect(web?.versions[0].compose).toContain('MODE: production');
    expect(web?.versions[0]).not.toHaveProperty('source');
    expect(c.unsupported.length).toBeGreaterThan(0);
  });

  it('leaves out the templates of a repository that cannot be fetched, naming it; the others stay', async () => {
    const c = await buildFromFile('p', { name: 'templates.json', text: portainer }, async () => {
      throw new Error('Could not clone it: connection refused');
    });
    expect(c.templates.length).toBe(3);
    expect(c.problems).toHaveLength(2);
    for (const p of c.problems)
      expect(p.message).toMatch(/^left out: repository https:\/\/git\.example\.test\/templates could not be fetched: Could not clone it/);
  });

  it('refuses a stack file outside the repository, a missing one and one that is not compose', async () => {
    const escaping = portainer.replace('compose/web/docker-compose.yml', '../../../etc/passwd').replace('stacks/cockroachdb/docker-stack.yml', 'nope.yml');
    const repo = write(path.join(tmp, 'repo-bad'), { 'compose/web/docker-compose.yml': 'not: [compose' });
    const c = await buildFromFile('p', { name: 'templates.json', text: escaping }, async () => repo);
    expect(c.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/outside the repository/), expect.stringMatching(/the repository has no file nope\.yml/)]),
    );
    const notCompose = await buildFromFile('p', { name: 'templates.json', text: portainer }, async () => repo);
    expect(notCompose.problems.some((p) => p.file === `${REPO} compose/web/docker-compose.yml`)).toBe(true);
  });

  it('refuses a file in no known format', async () => {
    await expect(buildFromFile('p', { name: 'notes.txt', text: 'hello' }, async () => tmp)).rejects.toThrow(/notes\.txt is in no format Berth imports/);
  });
});

describe('buildFromClone', () => {
  const template = {
    'templates/ok/template.yml': 'name: OK\ndescription: fine\n',
    'templates/ok/versions/1/compose.yml': 'services:\n  a:\n    image: busybox\n',
    'templates/bad/template.yml': 'name: Bad\ndescription: no versions\nlogo: nope.txt\n',
  };

  it('reads templates/ at the top or under a folder, naming problems from the repository top', async () => {
    const top = write(path.join(tmp, 'clone-top'), template);
    const c = await buildFromClone('src', top, '');
    expect(c.templates.map((t) => t.id)).toEqual(['src/ok']);
    expect(c.problems[0]).toMatchObject({ template: 'src/bad', file: 'templates/bad/template.yml', field: 'logo' });
    const nested = write(path.join(tmp, 'clone-nested'), Object.fromEntries(Object.entries(template).map(([k, v]) => [`cat/${k}`, v])));
    expect((await buildFromClone('src', nested, 'cat')).problems[0].file).toBe('cat/templates/bad/template.yml');
  });

  it('refuses a repository without templates/', async () => {
    await expect(buildFromClone('src', write(path.join(tmp, 'clone-empty'), { 'README.md': 'hi' }), '')).rejects.toThrow(
      /has no folder templates; a Berth catalog repository holds templates/,
    );
  });
});
