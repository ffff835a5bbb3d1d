import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors';
import { retryOutOfSequence } from './version';

const outOfSequence = () => new BerthError('engine', 'Docker on unix:///x refused: rpc error: code = Unknown desc = update out of sequence');

describe('retryOutOfSequence', () => {
  it('runs again once after a version conflict, reading afresh', async () => {
    let runs = 0;
    await expect(
      retryOutOfSequence(async () => {
        runs++;
        if (runs === 1) throw outOfSequence();
        return 'done';
      }),
    ).resolves.toBe('done');
    expect(runs).toBe(2);
  });

  it('passes on a second conflict, and any other error at once', async () => {
    let runs = 0;
    await expect(
      retryOutOfSequence(async () => {
        runs++;
        throw outOfSequence();
      }),
    ).rejects.toThrow('update out of sequence');
    expect(runs).toBe(2);
    runs = 0;
    await expect(
      retryOutOfSequence(async () => {
        runs++;
        throw new BerthError('not_found', 'no such node');
      }),
    ).rejects.toThrow('no such node');
    expect(runs).toBe(1);
  });
});
