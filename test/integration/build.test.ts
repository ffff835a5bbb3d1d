import zlib from 'node:zlib';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as buildRoute from '@/app/api/v1/hosts/[id]/images/build/route';
import type { TaskView } from '@/lib/types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { buildImage, sourceOf } from '@/server/images/build';
import { readBuildUpload } from '@/server/images/build-upload';
import { docker, engineUnderTest, freshBerth, harness, params, req, uniqueName, waitFor } from './support';

/** daemon A (Engine 20.10), or C (Engine 26.1) in the integration-engine26 project */
const ENGINE = engineUnderTest().socket;

const h = harness();
let berth: Berth;
let host: string;
const tags: string[] = [];

const tagFor = (what: string) => {
  const t = `berth-build-test/${uniqueName(what)}:1`;
  tags.push(t);
  return t;
};
const dockerfile = (text: string) => sourceOf('Dockerfile', Buffer.from(text));

async function targz(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, text] of Object.entries(files)) pack.entry({ name }, text);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack.pipe(zlib.createGzip())) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  await waitFor('host A synced', () => berth.fleet.runtime(host).synced);
});
afterAll(async () => {
  for (const t of tags) await docker(ENGINE, 'rmi', '-f', t).catch(() => undefined);
  await berth.close();
});

describe('build on a real daemon', () => {
  it('builds an uploaded Dockerfile with build args, streaming the log line by line', async () => {
    const tag = tagFor('df');
    const lines: string[] = [];
    const src = dockerfile(`FROM ${h.TEST_IMAGE}\nARG GREETING=hi\nRUN echo "say $GREETING"\n`);
    const r = await buildImage(berth, host, src, { tag, buildArgs: { GREETING: 'hello' } }, { onLines: (l) => lines.push(...l) });
    expect(r.message).toMatch(new RegExp(`^Built ${tag} \\(`));
    expect(r.id).toBe(await docker(ENGINE, 'image', 'inspect', '-f', '{{.Id}}', tag));
    expect(lines).toContain(`Step 1/3 : FROM ${h.TEST_IMAGE}`);
    expect(lines).toContain('say hello');
  });

  it('builds from a tar.gz context, with COPY, a Dockerfile path and a target stage', async () => {
    const tag = tagFor('ctx');
    const data = await targz({
      'build/app.Dockerfile': `FROM ${h.TEST_IMAGE} AS base\nCOPY hello.txt /hello.txt\nFROM base AS final\nRUN false\n`,
      'hello.txt': 'hello from the context\n',
    });
    const src = sourceOf('context.tar.gz', data);
    expect(src.kind).toBe('archive');
    await buildImage(berth, host, src, { tag, dockerfile: 'build/app.Dockerfile', target: 'base' });
    // The "final" stage (RUN false) was not built: the target stopped at "base".
    expect(await docker(ENGINE, 'run', '--rm', tag, 'cat', '/hello.txt')).toBe('hello from the context');
  });

  it('names the failing RUN step, and the log holds its output', async () => {
    const lines: string[] = [];
    const src = dockerfile(`FROM ${h.TEST_IMAGE}\nRUN echo before-the-failure && exit 3\nRUN echo never\n`);
    await expect(buildImage(berth, host, src, { tag: tagFor('fail') }, { onLines: (l) => lines.push(...l) })).rejects.toMatchObject({
      kind: 'invalid',
      message:
        "Step 2/3 (RUN echo before-the-failure && exit 3) failed: The command '/bin/sh -c echo before-the-failure && exit 3' returned a non-zero code: 3",
    });
    expect(lines).toContain('before-the-failure');
    expect(lines).not.toContain('never');
  });

  it('says what is wrong with a Dockerfile the Engine cannot parse, and refuses files that are neither', async () => {
    await expect(buildImage(berth, host, dockerfile(`FROM ${h.TEST_IMAGE}\nRUNN echo\n`), {})).rejects.toThrow(
      /^The build could not start: .*unknown instruction: RUNN/i,
    );
    expect(() => sourceOf('context.tar', Buffer.from('not a tar'))).toThrow(/context\.tar is not a tar or gzip-compressed tar archive/);
  });
});

describe('POST /api/v1/hosts/{id}/images/build', () => {
  const upload = (form: FormData, query = '') => req(`/api/v1/hosts/${host}/images/build${query}`, { method: 'POST', body: form });

  it('runs the build as a task whose log tail and step show the progress', async () => {
    const tag = tagFor('route');
    const form = new FormData();
    form.set('file', new File([`FROM ${h.TEST_IMAGE}\nRUN echo from-the-task\n`], 'Dockerfile'));
    form.set('tag', tag);
    const res = await buildRoute.POST(upload(form), params({ id: host }));
    expect(res.status).toBe(200);
    const { task } = (await res.json()) as { task: TaskView };
    expect(task).toMatchObject({ kind: 'build', title: `Build ${tag}`, state: 'running' });
    const done = await waitFor(
      'build task ended',
      () => {
        const t = berth.tasks.get(task.id);
        return t && t.state !== 'running' ? t : undefined;
      },
      60_000,
    );
    expect(done.state).toBe('succeeded');
    expect(done.log).toContain('from-the-task');
    expect(done.message).toMatch(/^Built /);
  });

  it('answers 413 with the limit for an upload that is too large, and 400 without a file', async () => {
    const form = new FormData();
    form.set('file', new File(['x'.repeat(4096)], 'Dockerfile'));
    await expect(readBuildUpload(upload(form), 1024)).rejects.toThrow(/^The upload is larger than the limit of 1 KiB: leave big files/);
    const big = upload(form);
    const res = await buildRoute.POST(
      new Request(big, { headers: { ...Object.fromEntries(big.headers), 'content-length': String(300 * 1024 * 1024) } }),
      params({ id: host }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/^The upload is 300 MiB, which is larger than the limit of 256 MiB/);
    const none = await buildRoute.POST(upload(new FormData()), params({ id: host }));
    expect(none.status).toBe(400);
  });
});
