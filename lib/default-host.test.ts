import { describe, expect, it } from 'vitest';
import { pickDefaultHost } from './default-host';

const h = (id: string, kind: 'socket' | 'tcp' | 'ssh', createdAt: string, status: 'online' | 'offline' | 'stale' = 'online') => ({
  id,
  kind,
  createdAt,
  status,
});
// as the API lists them: newest first
const hosts = [h('newest-tcp', 'tcp', '2026-03-01'), h('second-socket', 'socket', '2026-02-01'), h('local', 'socket', '2026-01-01')];

describe('pickDefaultHost', () => {
  it('is the local socket host, not the most recently added one', () => {
    expect(pickDefaultHost(hosts, null)).toBe('local');
  });
  it('is the host the user last chose in a form, while it exists and answers', () => {
    expect(pickDefaultHost(hosts, 'newest-tcp')).toBe('newest-tcp');
    expect(pickDefaultHost(hosts, 'removed-host')).toBe('local');
    expect(pickDefaultHost([h('newest-tcp', 'tcp', '2026-03-01', 'offline'), ...hosts.slice(1)], 'newest-tcp')).toBe('local');
  });
  it('without a socket host, the oldest host that answers; none answering gives ""', () => {
    expect(pickDefaultHost([h('b', 'tcp', '2026-02-01'), h('a', 'ssh', '2026-01-01', 'offline'), h('c', 'tcp', '2026-01-15')], null)).toBe('c');
    expect(pickDefaultHost([h('a', 'ssh', '2026-01-01', 'offline')], null)).toBe('');
  });
});
