import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { applyDockerignore, buildDigest, type ContextEntry, entryName, packEntries, readArchive, subtree } from './build-context';

async function archive(files: Record<string, string>, opts: { mtime?: Date; prefix?: string } = {}): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, text] of Object.entries(files))
    pack.entry({ name: `${opts.prefix ?? './'}${name}`, mtime: opts.mtime ?? new Date(1000), mode: 0o644 }, text);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
const spec = { dockerfile: null, args: {}, target: null, labels: {} };
const names = (es: ContextEntry[]) => es.map((e) => e.name).sort();

describe('build contexts from the stack folder archive', () => {
  it('a relative context is the subtree of the archive, renamed to its root, and re-packs as a readable tar', async () => {
    const entries = await readArchive(
      gzipSync(await archive({ 'docker-compose.yml': 'x', 'web/Dockerfile': 'FROM a', 'web/src/app.sh': 'echo', 'api/Dockerfile': 'FROM b' })),
    );
    const web = subtree(entries, './web/')!;
    expect(names(web)).toEqual(['Dockerfile', 'src/app.sh']);
    const again = await readArchive(await packEntries(web));
    expect(names(again)).toEqual(['Dockerfile', 'src/app.sh']);
    expect(again.find((e) => e.name === 'src/app.sh')?.data?.toString()).toBe('echo');
    expect(subtree(entries, '.')).toHaveLength(entries.length);
    expect(subtree(entries, 'missing')).toBeNull();
  });

  it('.dockerignore leaves files out as the docker CLI does (dirs with their contents, ! exceptions, comments), keeping the Dockerfile; ignored files do not change the digest', async () => {
    const files = {
      Dockerfile: 'FROM a',
      '.dockerignore': '# build junk\nnode_modules\n*.log\n!keep.log\nDockerfile\n',
      'app.sh': 'echo',
      'node_modules/x/index.js': 'x',
      'debug.log': 'noise',
      'keep.log': 'kept',
    };
    const entries = await readArchive(await archive(files));
    expect(names(applyDockerignore(entries, 'Dockerfile'))).toEqual(['.dockerignore', 'Dockerfile', 'app.sh', 'keep.log']);
    const noisier = await readArchive(await archive({ ...files, 'debug.log': 'other noise', 'node_modules/y.js': 'y' }));
    expect(buildDigest(applyDockerignore(noisier, 'Dockerfile'), spec)).toBe(buildDigest(applyDockerignore(entries, 'Dockerfile'), spec));
    expect(
      applyDockerignore(
        entries.filter((e) => e.name !== '.dockerignore'),
        'Dockerfile',
      ),
    ).toHaveLength(entries.length - 1);
  });

  it('an archive entry with ".." in its name is refused, naming it', async () => {
    await expect(readArchive(await archive({ '../escape': 'x' }, { prefix: '' }))).rejects.toThrow(/"..\/escape" leaves the folder/);
    expect(entryName('./a//b/')).toBe('a/b');
    expect(entryName('a/../../b')).toBeNull();
  });

  it('the digest is stable across re-packing and times, and changes with content, args and target', async () => {
    const a = await readArchive(await archive({ Dockerfile: 'FROM x', 'app.txt': 'v1' }, { mtime: new Date(1000) }));
    const b = await readArchive(gzipSync(await archive({ 'app.txt': 'v1', Dockerfile: 'FROM x' }, { mtime: new Date(999_000) })));
    const c = await readArchive(await archive({ Dockerfile: 'FROM x', 'app.txt': 'v2' }));
    expect(buildDigest(a, spec)).toBe(buildDigest(b, spec));
    expect(buildDigest(a, spec)).not.toBe(buildDigest(c, spec));
    expect(buildDigest(a, spec)).not.toBe(buildDigest(a, { ...spec, args: { V: '2' } }));
    expect(buildDigest(a, spec)).not.toBe(buildDigest(a, { ...spec, target: 'prod' }));
    expect(buildDigest(a, spec)).toMatch(/^[0-9a-f]{64}$/);
  });
});
