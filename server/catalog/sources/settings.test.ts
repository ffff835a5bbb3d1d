import { describe, expect, it } from 'vitest';
import { checkFileUrl, checkGitUrl, checkSubPath, sourceSettings } from './settings';

describe('checkGitUrl', () => {
  it('takes https URLs', () => {
    expect(checkGitUrl(' https://example.com/acme/catalog.git ', false)).toBe('https://example.com/acme/catalog.git');
  });
  it('refuses a URL git would read as an option', () => {
    expect(() => checkGitUrl('--upload-pack=touch /tmp/x', false)).toThrow(/starts with "-".*option/);
    expect(() => checkGitUrl('-u', true)).toThrow(/starts with "-"/);
  });
  it('refuses remote helper transports, even with insecure sources allowed', () => {
    expect(() => checkGitUrl('ext::sh -c touch% /tmp/pwned', true)).toThrow(/"ext::" transport/);
    expect(() => checkGitUrl('ext::sh', true)).toThrow(/"ext::" transport, which makes git run a helper program/);
    expect(() => checkGitUrl('file::/etc', true)).toThrow(/"file::" transport/);
    expect(() => checkGitUrl('fd::3', true)).toThrow(/"fd::" transport/);
  });
  it('refuses http, git and file unless allowed, saying which setting allows them', () => {
    for (const u of ['http://example.com/r.git', 'git://example.com/r.git', 'file:///srv/r.git']) {
      expect(() => checkGitUrl(u, false)).toThrow(/BERTH_CATALOG_ALLOW_INSECURE_SOURCES=1/);
      expect(checkGitUrl(u, true)).toBe(u);
    }
  });
  it('refuses other schemes, SSH addresses and local paths', () => {
    expect(() => checkGitUrl('ssh://git@example.com/r.git', true)).toThrow(/ssh:\/\/, which Berth does not clone from/);
    expect(() => checkGitUrl('git@example.com:acme/r.git', true)).toThrow(/SSH addresses/);
    expect(() => checkGitUrl('/srv/repo', true)).toThrow(/local paths/);
  });
  it('refuses credentials in the URL (they would be stored and shown)', () => {
    expect(() => checkGitUrl('https://user:token@example.com/r.git', false)).toThrow(/user name or password/);
  });
  it('refuses spaces and control characters', () => {
    expect(() => checkGitUrl('https://example.com/a b', false)).toThrow(/spaces or control characters/);
    expect(() => checkGitUrl('', false)).toThrow(/empty/);
  });
});

describe('checkFileUrl', () => {
  it('takes https, and http only when allowed', () => {
    expect(checkFileUrl('https://example.com/t.json', false).href).toBe('https://example.com/t.json');
    expect(() => checkFileUrl('http://example.com/t.json', false)).toThrow(/BERTH_CATALOG_ALLOW_INSECURE_SOURCES=1/);
    expect(checkFileUrl('http://127.0.0.1:8080/t.json', true).port).toBe('8080');
  });
  it('refuses what is not http(s)', () => {
    expect(() => checkFileUrl('ftp://example.com/t.json', true)).toThrow(/ftp:, not http\(s\)/);
    expect(() => checkFileUrl('file:///etc/passwd', true)).toThrow(/file:, not http\(s\)/);
    expect(() => checkFileUrl('templates.json', true)).toThrow(/is not a URL/);
  });
});

describe('checkSubPath', () => {
  it('cleans a relative folder', () => {
    expect(checkSubPath(undefined)).toBe('');
    expect(checkSubPath('./catalogs/main/')).toBe('catalogs/main');
  });
  it('refuses a folder leaving the repository', () => {
    expect(() => checkSubPath('../etc')).toThrow(/no "\.\."/);
    expect(() => checkSubPath('a/../../b')).toThrow(/no "\.\."/);
    expect(() => checkSubPath('-x')).toThrow(/no leading "-"/);
  });
});

describe('sourceSettings', () => {
  it('has defaults', () => {
    expect(sourceSettings({})).toEqual({ refreshMinutes: 60, allowInsecure: false, maxBytes: 100 * 1024 * 1024, timeoutMs: 120_000 });
  });
  it('reads the variables, and names a bad one', () => {
    expect(sourceSettings({ BERTH_CATALOG_REFRESH_MINUTES: '0', BERTH_CATALOG_ALLOW_INSECURE_SOURCES: '1' })).toMatchObject({
      refreshMinutes: 0,
      allowInsecure: true,
    });
    expect(() => sourceSettings({ BERTH_CATALOG_REFRESH_MINUTES: 'hourly' })).toThrow(/BERTH_CATALOG_REFRESH_MINUTES must be a number/);
    expect(() => sourceSettings({ BERTH_CATALOG_ALLOW_INSECURE_SOURCES: 'yes' })).toThrow(/BERTH_CATALOG_ALLOW_INSECURE_SOURCES must be 0 or 1/);
  });
});
