import { describe, expect, it } from 'vitest';
import type { GrantView } from './auth-types';
import { auditQuery, describeGrant, describeRoles, hostLabel, labelTarget, localToIso, nextCursor, NO_AUDIT_FILTERS } from './access-format';

const names = new Map([['h1', 'web-1']]);
const grant = (over: Partial<GrantView>): GrantView => ({
  id: 'g',
  subjectKind: 'user',
  subject: 'u1',
  subjectLabel: 'alice',
  hostId: '*',
  role: 'viewer',
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('grants in words', () => {
  it('names all hosts, a host by name, and a host that is gone by its id', () => {
    expect(describeGrant({ role: 'operator', hostId: '*' }, names)).toBe('operator on all hosts');
    expect(describeGrant({ role: 'viewer', hostId: 'h1' }, names)).toBe('viewer on web-1');
    expect(hostLabel('h9', names)).toBe('h9 (removed host)');
    expect(hostLabel(null, names)).toBe('—');
  });

  it('lists roles strongest first and says which team a role comes from', () => {
    const roles = describeRoles(
      { grants: [grant({ role: 'viewer', hostId: 'h1' }), grant({ role: 'operator', subjectKind: 'github_team', subject: 'acme/ops' })] },
      names,
    );
    expect(roles).toEqual(['operator on all hosts (team acme/ops)', 'viewer on web-1']);
  });
});

describe('audit query', () => {
  it('leaves out empty filters and trims the rest', () => {
    expect(auditQuery(NO_AUDIT_FILTERS)).toBe('');
    expect(auditQuery({ ...NO_AUDIT_FILTERS, actor: ' admin ', result: 'denied' }, { limit: 100, before: undefined })).toBe(
      'actor=admin&result=denied&limit=100',
    );
  });

  it('turns datetime-local values into ISO times, and ignores unreadable ones', () => {
    const iso = localToIso('2026-01-31T14:05');
    expect(iso).toBe(new Date(2026, 0, 31, 14, 5).toISOString());
    expect(localToIso('not a time')).toBeUndefined();
    expect(new URLSearchParams(auditQuery({ ...NO_AUDIT_FILTERS, since: '2026-01-31T14:05' })).get('since')).toBe(iso);
  });

  it('pages on from the oldest row shown, and stops after a short page', () => {
    const rows = [
      { at: '2026-01-02T00:00:00Z', id: 'b' },
      { at: '2026-01-01T00:00:00Z', id: 'a' },
    ];
    expect(nextCursor(rows, 2)).toBe('2026-01-01T00:00:00Z|a');
    expect(nextCursor(rows, 3)).toBeUndefined();
  });
});

describe('audit targets', () => {
  it('names users by their user name and leaves everything else as recorded', () => {
    const users = new Map([['11653d9f', 'alice']]);
    expect(labelTarget('uid=11653d9f', users)).toBe('user=alice');
    expect(labelTarget('uid=gone cid=abc action=stop', users)).toBe('uid=gone cid=abc action=stop');
    expect(labelTarget(null, users)).toBeNull();
  });
});
