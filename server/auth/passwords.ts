import crypto from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Local passwords are hashed with scrypt (memory-hard, in Node's crypto, no native add-on to build). The parameters
 * travel with the hash so they can be raised later without invalidating stored passwords.
 */
const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const N = 1 << 15;
const R = 8;
const P = 1;
const LEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, LEN, { N, r: R, p: P, maxmem: 128 * N * R * 2 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    // Spend the same time as a real check, so a missing user cannot be told apart from a wrong password.
    await hashPassword(password);
    return false;
  }
  const [, n, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 128 * Number(n) * Number(r) * 2,
  });
  return crypto.timingSafeEqual(expected, actual);
}

const COMMON = new Set([
  'password',
  'password1',
  'admin',
  'administrator',
  'changeme',
  'letmein',
  'welcome',
  'qwerty',
  '123456',
  '12345678',
  '123456789',
  'iloveyou',
  'docker',
  'berth',
  'secret',
]);

/**
 * A password is weak when it is short or guessable; Berth keeps a warning on screen while the admin uses one and no
 * other sign-in method exists. Passwords under 8 characters are refused outright (see lib/schemas/auth.ts).
 */
export function isWeakPassword(password: string, username = ''): boolean {
  const lower = password.toLowerCase();
  if (password.length < 12) return true;
  if (COMMON.has(lower) || (username && lower.includes(username.toLowerCase()))) return true;
  if (/^(.)\1+$/.test(password)) return true;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes < 2;
}
