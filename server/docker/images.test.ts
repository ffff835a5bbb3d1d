import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '@/lib/types';
import { describeUsers, normalizeRef, toImageRows, toLayers } from './images';

const container = (name: string, imageId: string, state: ContainerSummary['state'] = 'running') =>
  ({ id: `id-${name}`, name, imageId, state }) as ContainerSummary;

describe('image rows', () => {
  const raw = [
    { Id: 'sha256:aaa', ParentId: '', RepoTags: ['app:1', 'app:latest'], RepoDigests: [], Created: 200, Size: 10, Labels: null },
    { Id: 'sha256:bbb', ParentId: 'sha256:aaa', RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'], Created: 300, Size: 5, Labels: { a: 'b' } },
    { Id: 'sha256:ccc', ParentId: '', RepoTags: null, RepoDigests: ['localhost:5000/web@sha256:ddd'], Created: 100, Size: 7, Labels: {} },
  ];

  it('makes one row per tag, a <none> row for dangling images, and keeps the repository of digest-only images', () => {
    const rows = toImageRows('h', raw as never, [container('web', 'sha256:aaa'), container('old', 'sha256:aaa', 'exited')]);
    expect(rows.map((r) => [r.ref, r.repo, r.tag, r.dangling])).toEqual([
      [null, '<none>', '<none>', true],
      ['app:1', 'app', '1', false],
      ['app:latest', 'app', 'latest', false],
      [null, 'localhost:5000/web', '<none>', false],
    ]);
    const app = rows.find((r) => r.ref === 'app:1')!;
    expect(app).toMatchObject({ tagCount: 2, labels: {}, parentId: null });
    expect(app.usedBy.map((u) => u.name)).toEqual(['old', 'web']);
    expect(rows[0]).toMatchObject({ parentId: 'sha256:aaa', usedBy: [], digests: [] });
  });

  it('reads history: <missing> ids become null, the #(nop) shell prefix goes', () => {
    const layers = toLayers([
      { Id: 'sha256:aaa', Created: 1, CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]', Tags: ['app:1'], Size: 0, Comment: '' },
      { Id: '<missing>', Created: 0, CreatedBy: '/bin/sh -c apk add curl', Tags: null as never, Size: 42, Comment: 'x' },
    ]);
    expect(layers).toEqual([
      { id: 'sha256:aaa', created: 1, createdBy: 'CMD ["sh"]', size: 0, tags: ['app:1'], comment: '' },
      { id: null, created: 0, createdBy: '/bin/sh -c apk add curl', size: 42, tags: [], comment: 'x' },
    ]);
  });

  it('names the containers in the way, a few at most', () => {
    expect(describeUsers([{ id: '1', name: 'web', state: 'running' }])).toBe('container web (running)');
    const many = Array.from({ length: 7 }, (_, i) => ({ id: String(i), name: `c${i}`, state: 'exited' as const }));
    expect(describeUsers(many)).toBe('containers c0 (exited), c1 (exited), c2 (exited), c3 (exited), c4 (exited) and 2 more');
  });

  it('normalizes a reference the way RepoTags lists it', () => {
    expect(normalizeRef('app')).toBe('app:latest');
    expect(normalizeRef('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normalizeRef('app:2')).toBe('app:2');
  });
});
