import { describe, expect, it } from 'vitest';
import { AttachSchema, ConfigCreateSchema, DetachSchema, MAX_BYTES, payloadBytes, SecretCreateSchema } from './swarm-secrets';

const issues = (schema: typeof SecretCreateSchema | typeof AttachSchema | typeof DetachSchema, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
};
const b64 = (n: number) => Buffer.alloc(n, 7).toString('base64');

describe('secret and config create', () => {
  it('takes a name and a text value, text by default', () => {
    expect(SecretCreateSchema.parse({ name: 'db.pass_1-x', data: 'hunter2' })).toEqual({ name: 'db.pass_1-x', data: 'hunter2', encoding: 'text' });
    expect(SecretCreateSchema.parse({ name: 'a', data: b64(3), encoding: 'base64', labels: { team: 'x' } }).labels).toEqual({ team: 'x' });
  });

  it("refuses names outside Docker's rule, saying the rule", () => {
    for (const bad of ['-x', 'x-', '.x', 'a b', 'a/b', 'é', '']) expect(issues(SecretCreateSchema, { name: bad, data: 'v' }), bad).toMatch(/^name: /);
    expect(issues(SecretCreateSchema, { name: 'x_', data: 'v' })).toContain('must start and end with a letter or digit');
    expect(issues(SecretCreateSchema, { name: 'a'.repeat(65), data: 'v' })).toContain('at most 64 characters');
    expect(issues(SecretCreateSchema, { name: 'a'.repeat(64), data: 'v' })).toBe('');
  });

  it('refuses an empty value and one at or over the limit: 500 KiB for a secret, 1000 KiB for a config', () => {
    expect(issues(SecretCreateSchema, { name: 'a', data: '' })).toContain('is empty');
    expect(issues(SecretCreateSchema, { name: 'a', data: b64(MAX_BYTES.secret - 1), encoding: 'base64' })).toBe('');
    expect(issues(SecretCreateSchema, { name: 'a', data: b64(MAX_BYTES.secret), encoding: 'base64' })).toContain(
      "data: the secret's value is 500 KiB (512000 bytes): Docker takes secrets smaller than 500 KiB (512000 bytes)",
    );
    expect(issues(SecretCreateSchema, { name: 'a', data: 'é'.repeat(MAX_BYTES.secret / 2) })).toContain('smaller than 500 KiB');
    expect(issues(ConfigCreateSchema, { name: 'a', data: b64(MAX_BYTES.secret), encoding: 'base64' })).toBe('');
    expect(issues(ConfigCreateSchema, { name: 'a', data: b64(MAX_BYTES.config), encoding: 'base64' })).toContain('configs smaller than 1000 KiB');
  });

  it('checks base64 and counts its decoded bytes', () => {
    expect(issues(SecretCreateSchema, { name: 'a', data: 'not base64!', encoding: 'base64' })).toContain('not valid base64');
    expect(issues(SecretCreateSchema, { name: 'a', data: 'abc', encoding: 'base64' })).toContain('not valid base64');
    for (const n of [1, 2, 3, 4, 5]) expect(payloadBytes(b64(n), 'base64')).toBe(n);
    expect(payloadBytes('é', 'text')).toBe(2);
  });

  it('refuses unknown fields (a typo would otherwise be dropped silently)', () => {
    expect(issues(SecretCreateSchema, { name: 'a', value: 'v' })).toMatch(/data|value/);
  });
});

describe('attach and detach', () => {
  it('takes a service, and optionally a target, uid, gid and octal mode', () => {
    expect(AttachSchema.parse({ service: 'web' })).toEqual({ service: 'web' });
    expect(AttachSchema.parse({ service: 'web', target: 'db_pass', uid: '1000', gid: '1000', mode: '0400' })).toMatchObject({ mode: '0400' });
    expect(AttachSchema.parse({ service: 'web', target: '/etc/app/conf.yml' }).target).toBe('/etc/app/conf.yml');
  });

  it('refuses bad targets, ids and modes', () => {
    expect(issues(AttachSchema, { service: 'web', target: '../etc/passwd' })).toContain('".."');
    expect(issues(AttachSchema, { service: 'web', uid: 'root' })).toContain('uid: must be a number');
    expect(issues(AttachSchema, { service: 'web', mode: '0999' })).toContain('mode must be octal');
    expect(issues(AttachSchema, { service: 'web', mode: 'rw' })).toContain('mode must be octal');
    expect(issues(AttachSchema, {})).toMatch(/^service: /);
    expect(issues(DetachSchema, { service: 'a b' })).toContain('id or the name of a service');
  });
});
