import { describe, expect, it } from 'vitest';
import { hashPassword, isWeakPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('refuses when no hash is stored (GitHub users have none)', async () => {
    expect(await verifyPassword('anything at all', null)).toBe(false);
  });

  it('judges short, common, repeated and single-class passwords weak', () => {
    expect(isWeakPassword('Sh0rt!')).toBe(true);
    expect(isWeakPassword('aaaaaaaaaaaaaaaa')).toBe(true);
    expect(isWeakPassword('alllowercaseletters')).toBe(true);
    expect(isWeakPassword('admin-Password-2026', 'admin')).toBe(true);
    expect(isWeakPassword('tidal-Harbour-42-gulls')).toBe(false);
  });
});
