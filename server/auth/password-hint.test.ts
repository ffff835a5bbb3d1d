import { describe, expect, it } from 'vitest';
import { STRONG_PASSWORD_HINT } from '@/lib/schemas/auth';
import { isWeakPassword } from './passwords';

/** The setup page's hint must describe the rule the server applies, so each claim it makes is checked here. */
describe('the strong-password hint matches isWeakPassword', () => {
  it('names the length, the kinds of characters, and what is ruled out', () => {
    expect(STRONG_PASSWORD_HINT).toMatch(/12 or more characters/);
    expect(STRONG_PASSWORD_HINT).toMatch(/at least two kinds \(lowercase, uppercase, digits, symbols\)/);
    expect(STRONG_PASSWORD_HINT).toMatch(/not a common word or your user name/);
  });
  it('a password that follows the hint is strong; one that breaks any part of it is weak', () => {
    expect(isWeakPassword('harbour-lights', 'admin')).toBe(false); // 14 characters, lowercase + symbol
    expect(isWeakPassword('Harbour2026', 'admin')).toBe(true); // 11 characters
    expect(isWeakPassword('harbourlights', 'admin')).toBe(true); // one kind only
    expect(isWeakPassword('admin-harbour-1', 'admin')).toBe(true); // holds the user name
  });
});
