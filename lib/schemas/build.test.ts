import { describe, expect, it } from 'vitest';
import { BuildOptionsSchema, parseBuildArgs } from './build';

describe('build options', () => {
  it('reads KEY=VALUE lines, keeping "=" inside values', () => {
    expect(parseBuildArgs('A=1\n# comment\n\nB=x=y\nC')).toEqual({ args: { A: '1', B: 'x=y', C: '' }, problem: null });
    expect(parseBuildArgs('1BAD=x').problem).toMatch(/Line 1: "1BAD" is not a build arg name/);
  });

  it('refuses a Dockerfile path outside the context and a bad tag', () => {
    expect(BuildOptionsSchema.safeParse({ dockerfile: '../Dockerfile' }).success).toBe(false);
    expect(BuildOptionsSchema.safeParse({ tag: 'Bad Tag' }).success).toBe(false);
    expect(BuildOptionsSchema.parse({ tag: 'app:1', buildArgs: { V: '2' }, target: 'final' })).toEqual({
      tag: 'app:1',
      buildArgs: { V: '2' },
      target: 'final',
    });
  });
});
