import { describe, expect, it } from 'vitest';
import type { TaskMessage } from '@/lib/types';
import { TaskRegistry } from './registry';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('task registry', () => {
  it('runs work in the background and records its end and result', async () => {
    const reg = new TaskRegistry({ publishEveryMs: 0 });
    const { task, done } = reg.start('pull', 'Pull app', 'h1', async (r) => {
      r.progress(0.5, 'half way');
      return { id: 'sha256:abc' };
    });
    expect(task.state).toBe('running');
    await expect(done).resolves.toEqual({ id: 'sha256:abc' });
    const t = reg.get(task.id)!;
    expect(t).toMatchObject({ state: 'succeeded', progress: 1, message: 'half way', result: { id: 'sha256:abc' }, error: null, hostId: 'h1' });
    expect(t.endedAt).not.toBeNull();
  });

  it('records a failure with its message and rejects done, without an unhandled rejection', async () => {
    const reg = new TaskRegistry({ publishEveryMs: 0 });
    const { task, done } = reg.start('build', 'Build', null, async () => {
      throw new Error('step 2/3 failed');
    });
    await expect(done).rejects.toThrow('step 2/3 failed');
    expect(reg.get(task.id)).toMatchObject({ state: 'failed', error: 'step 2/3 failed' });
    reg.start('build', 'nobody waits', null, async () => Promise.reject(new Error('x')));
    await tick(10);
  });

  it('sends start and end at once and coalesces updates in between', async () => {
    const reg = new TaskRegistry({ publishEveryMs: 50 });
    const seen: TaskMessage[] = [];
    reg.subscribe((m) => seen.push(m));
    let release!: () => void;
    const { done } = reg.start('pull', 'p', null, async (r) => {
      for (let i = 1; i <= 100; i++) r.progress(i / 100);
      await new Promise<void>((res) => (release = res));
    });
    expect(seen).toHaveLength(1);
    await tick(80);
    // 100 progress calls within one window reach listeners as one update carrying the latest value.
    expect(seen).toHaveLength(2);
    expect(seen[1].type === 'task' && seen[1].task.progress).toBe(1);
    release();
    await done;
    const last = seen.at(-1)!;
    expect(last.type === 'task' && last.task.state).toBe('succeeded');
  });

  it('keeps only the log tail and the most recent finished tasks', async () => {
    const reg = new TaskRegistry({ publishEveryMs: 0, logLines: 3, keepFinished: 2 });
    const { task, done } = reg.start('build', 'b', null, async (r) => {
      r.log('1', '2', '3', '4', 'x'.repeat(5000));
    });
    await done;
    const log = reg.get(task.id)!.log;
    expect(log.slice(0, 2)).toEqual(['3', '4']);
    expect(log[2].length).toBeLessThan(5000);
    for (let i = 0; i < 3; i++) await reg.start('prune', `p${i}`, null, async () => undefined).done;
    expect(reg.list().map((t) => t.title)).toHaveLength(2);
  });

  it('ignores reports after the task ended', async () => {
    const reg = new TaskRegistry({ publishEveryMs: 0 });
    let late!: (m: string) => void;
    const { task, done } = reg.start('pull', 'p', null, async (r) => {
      late = r.message;
    });
    await done;
    late('too late');
    expect(reg.get(task.id)!.message).toBeNull();
  });
});
