import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as list from '@/app/api/v1/tasks/route';
import * as one from '@/app/api/v1/tasks/[tid]/route';
import * as stream from '@/app/api/v1/tasks/stream/route';
import type { TaskMessage, TaskView } from '@/lib/types';
import { type Berth, installBerth } from '@/server/context';
import { startTask } from '@/server/tasks/registry';
import { freshBerth, params, req } from './support';

let berth: Berth;
beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
});
afterAll(async () => {
  await berth.close();
});

/** Reads SSE messages from a response until `until` says stop. */
async function readEvents(res: Response, until: (msgs: TaskMessage[]) => boolean): Promise<TaskMessage[]> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  const msgs: TaskMessage[] = [];
  let buf = '';
  while (!until(msgs)) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value);
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const frame = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (frame.startsWith('data: ')) msgs.push(JSON.parse(frame.slice(6)));
    }
  }
  await reader.cancel();
  return msgs;
}

describe('task API', () => {
  it('streams a snapshot, then the progress and end of a task started meanwhile', async () => {
    const ctl = new AbortController();
    const res = await stream.GET(req('/api/v1/tasks/stream', { signal: ctl.signal }), params({}));
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { task, done } = startTask(berth, 'prune', 'Prune test', null, async (report) => {
      report.progress(0.5, 'half way');
      report.log('removed one');
      await gate;
      return { removed: 1 };
    });
    setTimeout(release, 300);
    const mine = (m: TaskMessage): TaskView | null => (m.type === 'task' && m.task.id === task.id ? m.task : null);
    const msgs = await readEvents(res, (ms) => ms.some((m) => mine(m)?.state === 'succeeded'));
    ctl.abort();
    await done;
    expect(msgs[0].type).toBe('snapshot');
    const updates = msgs.map(mine).filter((t): t is TaskView => t !== null);
    expect(updates.some((t) => t.state === 'running' && t.progress === 0.5 && t.message === 'half way' && t.log.includes('removed one'))).toBe(true);
    expect(updates.at(-1)).toMatchObject({ state: 'succeeded', progress: 1, result: { removed: 1 } });
  });

  it('lists tasks and reads one, and a failed task carries its error', async () => {
    const { task, done } = startTask(berth, 'build', 'Failing', null, async () => {
      throw new Error('Step 2/3 (RUN false) failed');
    });
    await done.catch(() => undefined);
    const all = (await (await list.GET(req('/api/v1/tasks'), params({}))).json()).tasks as TaskView[];
    expect(all.find((t) => t.id === task.id)).toMatchObject({ state: 'failed', error: 'Step 2/3 (RUN false) failed' });
    const res = await one.GET(req(`/api/v1/tasks/${task.id}`), params({ tid: task.id }));
    expect((await res.json()).task.title).toBe('Failing');
    expect((await one.GET(req('/api/v1/tasks/nope'), params({ tid: 'nope' }))).status).toBe(404);
  });
});
