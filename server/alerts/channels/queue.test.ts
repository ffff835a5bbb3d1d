import { describe, expect, it } from 'vitest';
import type { AlertTransition } from '@/lib/alert-types';
import { testTransition } from './format';
import { type AttemptOutcome, BACKOFF_MS, DeliveryQueue, type DeliveryJob, MAX_ATTEMPTS, nextDelay } from './queue';

const t: AlertTransition = testTransition('q', 'tests');
const ok: AttemptOutcome = { ok: true, response: 'HTTP 200', error: null };
const fail: AttemptOutcome = { ok: false, response: 'HTTP 500', error: 'the receiver answered 500' };

function recorder(outcomes: (job: DeliveryJob) => AttemptOutcome | Promise<AttemptOutcome>, opts = {}) {
  const log: Array<[string, number, string]> = [];
  const q = new DeliveryQueue(
    {
      attempt: async (job) => outcomes(job),
      record: async (job, _o, status) => {
        log.push([job.channelId, job.attempt, status]);
      },
    },
    { schedule: [1, 1, 1, 1], ...opts },
  );
  return { q, log };
}

describe('backoff schedule', () => {
  it('waits 1 s, 5 s, 30 s, 2 min, then gives up after the fifth attempt', () => {
    expect(BACKOFF_MS).toEqual([1_000, 5_000, 30_000, 120_000]);
    expect(MAX_ATTEMPTS).toBe(5);
    expect([1, 2, 3, 4, 5].map((a) => nextDelay(a))).toEqual([1_000, 5_000, 30_000, 120_000, null]);
    expect(nextDelay(0)).toBeNull();
  });
});

describe('DeliveryQueue', () => {
  it('delivers at once and records one attempt', async () => {
    const { q, log } = recorder(() => ok);
    q.enqueue('c1', t);
    await q.idle();
    expect(log).toEqual([['c1', 1, 'delivered']]);
  });

  it('retries failures, recording each attempt, and gives up after five', async () => {
    const { q, log } = recorder(() => fail);
    q.enqueue('c1', t);
    await q.idle();
    expect(log).toEqual([
      ['c1', 1, 'retrying'],
      ['c1', 2, 'retrying'],
      ['c1', 3, 'retrying'],
      ['c1', 4, 'retrying'],
      ['c1', 5, 'failed'],
    ]);
  });

  it('stops at once when another attempt cannot help, and takes a throw as a failure', async () => {
    const { q, log } = recorder((job) => {
      if (job.channelId === 'gone') return { ...fail, retry: false };
      throw new Error('boom');
    });
    q.enqueue('gone', t);
    q.enqueue('throws', t);
    await q.idle();
    expect(log.filter(([c]) => c === 'gone')).toEqual([['gone', 1, 'failed']]);
    expect(log.filter(([c]) => c === 'throws')).toHaveLength(5);
  });

  it('is bounded: the oldest waiting job is dropped with a recorded failure', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { q, log } = recorder(async () => (await gate, ok), { capacity: 3, concurrency: 1 });
    for (const c of ['a', 'b', 'c', 'd', 'e']) q.enqueue(c, t);
    expect(q.size).toBe(3);
    release();
    await q.idle();
    expect(log).toContainEqual(['b', 1, 'failed']);
    expect(log).toContainEqual(['c', 1, 'failed']);
    expect(log.filter(([, , s]) => s === 'delivered').map(([c]) => c)).toEqual(['a', 'd', 'e']);
  });

  it('runs no more than `concurrency` at once', async () => {
    let running = 0;
    let peak = 0;
    const { q } = recorder(
      async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return ok;
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 6; i++) q.enqueue(`c${i}`, t);
    await q.idle();
    expect(peak).toBe(2);
  });
});
