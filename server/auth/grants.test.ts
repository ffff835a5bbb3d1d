import { describe, expect, it } from 'vitest';
import { roleFrom } from './grants';

describe('roleFrom', () => {
  const grants = [
    { host_id: '*', role: 'viewer' as const },
    { host_id: 'h1', role: 'operator' as const },
    { host_id: 'h2', role: 'admin' as const },
  ];

  it('takes the strongest role that applies to the host', () => {
    expect(roleFrom(grants, 'h1')).toBe('operator');
    expect(roleFrom(grants, 'h2')).toBe('admin');
    expect(roleFrom(grants, 'h3')).toBe('viewer');
  });

  it('counts only all-host grants when no host is named', () => {
    expect(roleFrom(grants)).toBe('viewer');
    expect(roleFrom([{ host_id: 'h1', role: 'admin' }])).toBeNull();
  });

  it('gives nothing without grants', () => {
    expect(roleFrom([], 'h1')).toBeNull();
  });
});
