import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadKey } from './secrets';

describe('secret box', () => {
  it('round-trips and never stores the clear text', () => {
    const box = createSecretBox(Buffer.alloc(32, 7));
    const sealed = box.seal('-----BEGIN PRIVATE KEY-----abc');
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(box.open(sealed)).toBe('-----BEGIN PRIVATE KEY-----abc');
  });

  it('refuses a tampered or foreign ciphertext', () => {
    const a = createSecretBox(Buffer.alloc(32, 1));
    const b = createSecretBox(Buffer.alloc(32, 2));
    const sealed = a.seal('secret');
    expect(() => b.open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64');
    expect(() => a.open(parts.join('.'))).toThrow();
  });

  it('generates a key file once, mode 0600, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-key-'));
    const k1 = loadKey(dir);
    const k2 = loadKey(dir);
    expect(k1.equals(k2)).toBe(true);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadKey(dir, 'ab'.repeat(32)).equals(Buffer.from('ab'.repeat(32), 'hex'))).toBe(true);
  });
});
