import { afterEach, describe, expect, it } from 'vitest';
import { SHAPES } from '@/bench/lib/compose-shapes';
import { validateCompose, ValidationPool, validationTuning } from './validate-pool';
import { MAX_ISSUES, validateText } from './validate';

const defaults = { ...validationTuning };
const berth = { validation: new ValidationPool() };
afterEach(() => Object.assign(validationTuning, defaults));

/** Resolves when the event loop next runs a timer: a loop held by a long synchronous task cannot. */
const timerTick = () => new Promise<'timer'>((r) => setTimeout(() => r('timer'), 0));

describe('validation of large files off the event loop', () => {
  it('answers a 1 MiB file of 60,000 labels as the inline check would, while timers keep firing', async () => {
    const big = SHAPES['many-labels']();
    const pending = validateCompose(berth, big, '');
    // the worker needs hundreds of milliseconds for this file; a timer set now fires long before it answers
    expect(await Promise.race([timerTick(), pending.then(() => 'validated')])).toBe('timer');
    // and a small file is checked at once meanwhile
    expect(await Promise.race([validateCompose(berth, 'services:\n  web:\n    image: nginx\n', ''), pending.then(() => 'validated')])).toEqual({
      ok: true,
      issues: [],
      services: ['web'],
    });
    expect(await pending).toEqual({ ok: true, issues: [], services: ['web'] });
  }, 60_000);

  it('lists the first problems of a file with 20,000 of them, with their positions, and says how many more', async () => {
    const big = SHAPES['many-errors'](256 * 1024);
    const r = await validateCompose(berth, big, '');
    expect(r).toEqual(validateText(big, ''));
    expect(r.issues).toHaveLength(MAX_ISSUES + 1);
    expect(r.issues[0]).toMatchObject({ line: 3, col: 5, message: expect.stringMatching(/unknown key "imag" at services\.s0\.imag/) });
    expect(r.issues[MAX_ISSUES].message).toMatch(/^…and [\d,]+ more problems, not listed/);
  }, 60_000);

  it('refuses a file that takes longer than the deadline as too complex, and checks the next file with a new worker', async () => {
    validationTuning.timeoutMs = 1;
    await expect(validateCompose(berth, SHAPES['many-services'](), '')).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringMatching(/too complex to check/),
    });
    validationTuning.timeoutMs = defaults.timeoutMs;
    const r = await validateCompose(berth, SHAPES['long-string'](), '');
    expect(r).toEqual({ ok: true, issues: [], services: ['web'] });
  }, 60_000);

  it('checks small files on the request thread, exactly as before', async () => {
    const text = 'services:\n  web:\n    image: nginx\n    ports: ["x:80"]\n';
    expect(await validateCompose(berth, text, '')).toEqual(validateText(text, ''));
    expect(text.length).toBeLessThan(validationTuning.inlineMaxChars);
  });
});
