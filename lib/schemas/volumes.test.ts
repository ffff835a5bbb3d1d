import { describe, expect, it } from 'vitest';
import { VolumeCreateSchema } from './volumes';

const issues = (v: unknown) => {
  const r = VolumeCreateSchema.safeParse(v);
  return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
};

describe('VolumeCreateSchema', () => {
  it('defaults to the local driver with no options or labels; the name may be left to the Engine', () => {
    expect(VolumeCreateSchema.parse({})).toEqual({ driver: 'local', driverOpts: {}, labels: {} });
    expect(VolumeCreateSchema.parse({ name: 'data', driver: 'vieux/sshfs:latest', driverOpts: { sshcmd: 'u@h:/p' } })).toMatchObject({
      driver: 'vieux/sshfs:latest',
    });
  });

  it('refuses names and keys the Engine would refuse', () => {
    expect(issues({ name: 'x' })).toMatch(/^name: Volume name must be at least 2 characters/);
    expect(issues({ name: '-data' })).toMatch(/^name: Volume name may use letters/);
    expect(issues({ name: 'a/b' })).toMatch(/Volume name may use/);
    expect(issues({ driverOpts: { 'o pt': 'x' } })).toMatch(/Driver option keys must not contain/);
    expect(issues({ labels: { k: 'a\nb' } })).toMatch(/Label values must not contain line breaks/);
    expect(issues({ driver: '--x' })).toMatch(/^driver: Driver must be a driver or plugin name/);
  });
});
