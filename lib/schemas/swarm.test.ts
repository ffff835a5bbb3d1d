import { describe, expect, it } from 'vitest';
import { labelKeyProblem, NodeUpdateSchema } from './swarm';

describe('node label keys and updates', () => {
  it('accepts keys placement constraints can name', () => {
    for (const k of ['zone', 'berth.disk', 'rack_2', 'a', 'eu-west-1', 'com.example.tier']) expect(labelKeyProblem(k), k).toBeNull();
  });

  it('names what is wrong with a key', () => {
    expect(labelKeyProblem('')).toBe('a label key must not be empty');
    expect(labelKeyProblem('has space')).toContain('may use only letters, digits, dots, dashes and underscores');
    expect(labelKeyProblem('-lead')).toContain('must start and end with a letter or digit');
    expect(labelKeyProblem('a..b')).toBe('label key "a..b" must not contain ".." or "--"');
    expect(labelKeyProblem('io.docker.x')).toContain('uses the prefix io.docker., which Docker keeps for itself');
    expect(labelKeyProblem('x'.repeat(129))).toContain('longer than 128 characters');
  });

  it('takes labels as a merge patch and needs something to change', () => {
    expect(NodeUpdateSchema.parse({ labels: { zone: 'a', old: null } })).toEqual({ labels: { zone: 'a', old: null } });
    expect(NodeUpdateSchema.safeParse({}).error?.issues[0].message).toBe('Nothing to change: give availability, role or labels');
    expect(NodeUpdateSchema.safeParse({ role: 'boss' }).error?.issues[0].message).toBe('role must be manager or worker');
    expect(NodeUpdateSchema.safeParse({ labels: { zone: 'a\nb' } }).error?.issues[0].message).toBe('label values must not contain line breaks');
    expect(NodeUpdateSchema.safeParse({ force: true }).success).toBe(false);
  });
});
