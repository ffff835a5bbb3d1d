import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalogDir } from './loader';
import { builtinCatalogDir, CatalogStore } from './store';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-catalog-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  }
}

const META = 'name: Good\ndescription: fine\ncategories: [Test]\n';
const COMPOSE = 'services:\n  web:\n    image: "busybox:{{tag}}"\n    ports: ["{{port}}:80"]\n';
const QUESTIONS =
  'questions:\n  - variable: tag\n    type: string\n    default: latest\n  - variable: port\n    type: int\n    default: 8080\n    min: 1\n    max: 65535\n';

write({
  'good/template.yml': `${META}default_version: 1.2-1\n`,
  'good/README.md': '# Good',
  'good/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'good/versions/1.2-1/compose.yml': COMPOSE,
  'good/versions/1.2-1/questions.yml': QUESTIONS,
  'good/versions/1.10-1/compose.yml': COMPOSE,
  'good/versions/1.10-1/questions.yml': QUESTIONS,
  // one bad version: the template keeps its good ones
  'good/versions/2.0-1/compose.yml': COMPOSE,
  'good/versions/2.0-1/questions.yml': 'questions:\n  - variable: tag\n    type: colour\n',
  'bad-meta/template.yml': 'name: 42\ndescription: x\nadministrator_only: maybe\nsurprise: 1\n',
  'bad-meta/versions/1/compose.yml': 'services:\n  a:\n    image: busybox\n',
  'bad-placeholder/template.yml': META,
  'bad-placeholder/versions/1/compose.yml':
    'services:\n  a:\n    image: "busybox:{{tag}}"\n    environment:\n      "{{key}}": x\n      NET: "{{tag.network}}"\n',
  'bad-placeholder/versions/1/questions.yml': 'questions:\n  - variable: tag\n    type: string\n    default: latest\n',
  'bad-compose/template.yml': META,
  'bad-compose/versions/1/compose.yml': 'services:\n  a:\n    image: busybox\n    privileged_mode: true\n',
  'bad-yaml/template.yml': 'name: [unclosed\n',
  'bad-questions/template.yml': META,
  'bad-questions/versions/1/compose.yml': 'services:\n  a:\n    image: busybox\n',
  'bad-questions/versions/1/questions.yml':
    'questions:\n  - variable: size\n    type: enum\n  - variable: n\n    type: int\n    default: 0\n    min: 1\n  - variable: p\n    type: string\n    pattern: "(["\n  - variable: n\n    type: string\n',
  'Bad_Id/template.yml': META,
  'no-versions/template.yml': META,
});

describe('loadCatalogDir', () => {
  it('loads the good templates, with their versions newest first, and reports each bad one by file and field', async () => {
    const { templates, problems } = await loadCatalogDir(root);
    expect(templates.map((t) => t.id)).toEqual(['good']);
    const good = templates[0];
    expect(good.versions.map((v) => v.version)).toEqual(['1.10-1', '1.2-1']);
    expect(good.defaultVersion).toBe('1.2-1');
    expect(good.readme).toBe('# Good');
    expect(good.logo).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(good.origin).toEqual({ catalog: 'berth', format: 'berth' });
    expect(good.versions[0].questions[1]).toEqual({ variable: 'port', label: 'port', type: 'int', required: false, default: 8080, min: 1, max: 65535 });

    const find = (file: string, field?: string) => problems.filter((p) => p.file === file && (field === undefined || p.field === field)).map((p) => p.message);
    expect(find('good/versions/2.0-1/questions.yml', 'questions[0].type')[0]).toMatch(/type must be one of string, multiline/);
    expect(find('bad-meta/template.yml', 'name')[0]).toBeTruthy();
    expect(find('bad-meta/template.yml', 'administrator_only')[0]).toBe('administrator_only must be true or false');
    expect(find('bad-meta/template.yml').join(' ')).toMatch(/surprise/);
    expect(find('bad-placeholder/versions/1/compose.yml', 'services.a.environment.{{key}}')).toEqual([
      '{{key}} is in a key; placeholders are substituted in values only',
    ]);
    expect(find('bad-placeholder/versions/1/compose.yml', 'services.a.environment.NET')).toEqual(['{{tag.network}}: only a service question has a network']);
    expect(find('bad-compose/versions/1/compose.yml', 'services.a.privileged_mode')[0]).toMatch(/line 4: unknown key "privileged_mode"/);
    expect(find('bad-yaml/template.yml')[0]).toMatch(/not valid YAML/);
    expect(find('bad-questions/versions/1/questions.yml', 'questions[0].options')).toEqual(['an enum question lists its options']);
    expect(find('bad-questions/versions/1/questions.yml', 'questions[1].default')[0]).toBe(
      'the default does not answer its own question: n must be at least 1',
    );
    expect(find('bad-questions/versions/1/questions.yml', 'questions[2].pattern')[0]).toMatch(/not a valid regular expression/);
    expect(find('bad-questions/versions/1/questions.yml', 'questions[3].variable')).toEqual(['variable n is asked twice']);
    expect(find('Bad_Id')[0]).toMatch(/lowercase letters, digits and "-"/);
    expect(find('no-versions/versions')[0]).toMatch(/no version of this template loads/);
    expect(problems.every((p) => p.template && p.file && p.message)).toBe(true);
  });

  it('loads every built-in template without a problem', async () => {
    const store = new CatalogStore([builtinCatalogDir()]);
    const { templates, problems } = await store.load();
    expect(problems).toEqual([]);
    expect(templates.map((t) => t.id)).toEqual(expect.arrayContaining(['wordpress', 'mariadb-galera', 'wordpress-galera']));
    for (const t of templates) expect(t.logo, t.id).toBeTruthy();
    expect(await store.load()).toBe(await store.load());
  });
});
