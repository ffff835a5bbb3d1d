import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCompose } from '../compose/load';
import { placeholdersOf, Raw, renderCompose } from './render';

const TEMPLATE = [
  'services:',
  '  web:',
  '    image: "nginx:{{tag}}"',
  '    command: ["sh", "-c", "echo {{motto}}"]',
  '    ports: ["{{port}}:80"]',
  '    environment:',
  '      WHOLE: "{{motto}}"',
  '      INSIDE: "before {{motto}} after"',
  '      PORT: "{{port}}"',
  '      FLAG: "{{debug}}"',
  '      BLOCK: |',
  '        motto={{motto}}',
  '    labels:',
  '      - "motto={{motto}}"',
  '',
].join('\n');

const HOSTILE = [
  'two\nlines',
  'key: value',
  '{a: 1}',
  '[1, 2]',
  '$HOME',
  '${HOME}',
  '"double" \'single\'',
  '; rm -rf /',
  '*a',
  '&a',
  '!!python/object:os.system',
  '- item',
  '# comment',
  '{{port}}',
  'null',
  'true',
  '0x10',
  '  spaced  ',
  '\\back\\slash',
  '---',
  '...',
];

/** What compose's interpolation gives back for a value written by the renderer ("$$" → "$"). */
const unescaped = (v: string) => v.replace(/\$\$/g, '$');

describe('renderCompose', () => {
  it('puts a hostile answer, literally, exactly where its placeholder was', () => {
    for (const motto of HOSTILE) {
      const out = renderCompose(TEMPLATE, { tag: '1.27', motto, port: 8080, debug: false });
      const web = parse(out).services.web;
      expect(Object.keys(parse(out)), motto).toEqual(['services']);
      expect(Object.keys(web.environment), motto).toEqual(['WHOLE', 'INSIDE', 'PORT', 'FLAG', 'BLOCK']);
      expect(unescaped(web.environment.WHOLE), motto).toBe(motto);
      expect(unescaped(web.environment.INSIDE), motto).toBe(`before ${motto} after`);
      expect(unescaped(web.environment.BLOCK), motto).toBe(`motto=${motto}\n`);
      expect(unescaped(web.command[2]), motto).toBe(`echo ${motto}`);
      expect(web.labels.map(unescaped), motto).toEqual([`motto=${motto}`]);
      expect(web.image).toBe('nginx:1.27');
      // and compose reads it back as the same literal string, after its own interpolation
      const r = loadCompose({ compose: out, env: '', project: 'p' });
      expect(r.ok, `${motto}: ${JSON.stringify(!r.ok && r.issues)}`).toBe(true);
      if (r.ok) expect(r.model.services.web.environment?.WHOLE, motto).toBe(motto);
    }
  });

  it('gives a whole placeholder the answer type, and writes text elsewhere', () => {
    const web = parse(renderCompose(TEMPLATE, { tag: '1', motto: 'm', port: 8080, debug: true })).services.web;
    expect(web.environment.PORT).toBe(8080);
    expect(web.environment.FLAG).toBe(true);
    expect(web.ports).toEqual(['8080:80']);
  });

  it('writes a Raw value unescaped (a ${variable} reference to the .env)', () => {
    const out = renderCompose(TEMPLATE, { tag: '1', motto: new Raw('${secret}'), port: 1, debug: false });
    const r = loadCompose({ compose: out, env: "secret='pa$$ \"w#rd'\n", project: 'p' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.model.services.web.environment?.WHOLE).toBe('pa$$ "w#rd');
  });

  it('refuses placeholders nobody answers', () => {
    expect(() => renderCompose(TEMPLATE, { tag: '1' })).toThrow(/\{\{motto\}\}.*\{\{port\}\}|\{\{port\}\}.*\{\{motto\}\}/);
  });

  it('substitutes into merged anchors once, so every alias sees it', () => {
    const t = 'x-base: &base\n  image: "busybox:{{tag}}"\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n';
    const r = loadCompose({ compose: renderCompose(t, { tag: '1.36' }), project: 'p' });
    expect(r.ok && [r.model.services.a.image, r.model.services.b.image]).toEqual(['busybox:1.36', 'busybox:1.36']);
  });
});

describe('placeholdersOf', () => {
  it('finds placeholders with their path, a network, and those in keys', () => {
    const uses = placeholdersOf('services:\n  a:\n    environment:\n      "{{k}}": "{{v}} {{db.network}}"\n');
    expect(uses).toEqual([
      { name: 'k', network: false, path: 'services.a.environment.{{k}}', inKey: true },
      { name: 'v', network: false, path: 'services.a.environment.{{k}}', inKey: false },
      { name: 'db', network: true, path: 'services.a.environment.{{k}}', inKey: false },
    ]);
  });
  it('leaves Go templates and other braces alone', () => {
    expect(placeholdersOf('a: "{{.Name}} {{ index . 1 }} { {x} }"\n')).toEqual([]);
  });
});
