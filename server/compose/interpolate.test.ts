import { describe, expect, it } from 'vitest';
import type { ComposeIssue } from '@/lib/compose-types';
import { interpolateString, parseDotenv } from './interpolate';
import { parseBytes, parseDuration, shellSplit } from './units';

const run = (s: string, env: Record<string, string> = {}) => {
  const issues: ComposeIssue[] = [];
  return { out: interpolateString(s, env, ['x'], issues), issues: issues.map((i) => i.message) };
};

describe('interpolation', () => {
  it('tells unset from empty, as compose does', () => {
    expect(run('${A-d}', { A: '' }).out).toBe('');
    expect(run('${A:-d}', { A: '' }).out).toBe('d');
    expect(run('${A?must}', { A: '' }).issues).toEqual([]);
    expect(run('${A:?must}', { A: '' }).issues).toEqual(["x: required variable A is missing: must. Set it in the stack's .env."]);
    expect(run('${A?}').issues[0]).toMatch(/A is missing \(it is unset\)/);
  });
  it('nests defaults and keeps $$ literal', () => {
    expect(run('${A:-${B:-c}}/$${HOME}', { B: 'b' }).out).toBe('b/${HOME}');
  });
  it('reports a lone $ and an unclosed ${', () => {
    expect(run('cost: 5$').issues[0]).toMatch(/starts no variable \(write \$\$ for a literal \$\)/);
    expect(run('${A').issues[0]).toMatch(/without its closing/);
    expect(run('${A!x}').issues[0]).toMatch(/unknown modifier/);
  });
});

describe('.env', () => {
  it('reads quotes, export and comments, and points at a bad line', () => {
    const r = parseDotenv('# c\nexport A=1\nB="two words"\nC=\'$raw\'\nD=x # note\nnot a pair\n');
    expect(r.env).toEqual({ A: '1', B: 'two words', C: '$raw', D: 'x' });
    expect(r.issues).toEqual([expect.objectContaining({ line: 6, file: 'env' })]);
  });
});

describe('units', () => {
  it('durations, sizes and command lines', () => {
    expect(parseDuration('1h2m3s')).toBe(3723e9);
    expect(parseDuration('1.5s')).toBe(1.5e9);
    expect(parseDuration('10 apples')).toBeNull();
    expect(parseBytes('1g')).toBe(1024 ** 3);
    expect(parseBytes('12q')).toBeNull();
    expect(shellSplit(`sh -c 'echo "a b"' x\\ y`)).toEqual(['sh', '-c', 'echo "a b"', 'x y']);
    expect(shellSplit('echo "open')).toBeNull();
  });
});
