import { describe, expect, it } from 'vitest';
import { formatBytes, formatCommand, formatPort, formatPorts, formatRelative, shortId } from './format';

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MiB');
    expect(formatBytes(8_200_000_000)).toBe('7.6 GiB');
    expect(formatBytes(150 * 1024 ** 3)).toBe('150 GiB');
  });
  it('shows a dash for missing or invalid sizes', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it('says just now for the last few seconds', () => {
    expect(formatRelative(now - 10_000, now)).toBe('just now');
  });
  it('counts minutes, hours and days in the past', () => {
    expect(formatRelative(now - 3 * 60_000, now)).toBe('3 minutes ago');
    expect(formatRelative(now - 60_000, now)).toBe('1 minute ago');
    expect(formatRelative(new Date(now - 2 * 3600_000), now)).toBe('2 hours ago');
    expect(formatRelative('2025-05-29T12:00:00Z', now)).toBe('3 days ago');
    expect(formatRelative(now - 400 * 86400_000, now)).toBe('1 year ago');
  });
  it('handles the future', () => {
    expect(formatRelative(now + 5 * 60_000, now)).toBe('in 5 minutes');
  });
  it('shows a dash for missing or unparsable times', () => {
    expect(formatRelative(null, now)).toBe('—');
    expect(formatRelative('', now)).toBe('—');
    expect(formatRelative('not a date', now)).toBe('—');
  });
});

describe('formatPort', () => {
  it('shows published ports with their address', () => {
    expect(formatPort({ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' })).toBe('0.0.0.0:8080→80/tcp');
    expect(formatPort({ privatePort: 53, publicPort: 5353, ip: '127.0.0.1', type: 'udp' })).toBe('127.0.0.1:5353→53/udp');
  });
  it('brackets IPv6 addresses and defaults a missing address', () => {
    expect(formatPort({ privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' })).toBe('[::]:8080→80/tcp');
    expect(formatPort({ privatePort: 80, publicPort: 8080, type: 'tcp' })).toBe('0.0.0.0:8080→80/tcp');
  });
  it('shows unpublished ports as port/protocol', () => {
    expect(formatPort({ privatePort: 6379, type: 'tcp' })).toBe('6379/tcp');
  });
  it('lists published ports first', () => {
    expect(
      formatPorts([
        { privatePort: 443, type: 'tcp' },
        { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' },
      ]),
    ).toEqual(['0.0.0.0:8080→80/tcp', '443/tcp']);
  });
});

describe('shortId and formatCommand', () => {
  it('shortens ids like docker ps', () => {
    expect(shortId('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortId('fedcba9876543210')).toBe('fedcba987654');
  });
  it('quotes words that need it', () => {
    expect(formatCommand(['sh', '-c', 'echo hi'])).toBe('sh -c "echo hi"');
    expect(formatCommand([])).toBe('');
  });
});

describe('formatStatus', () => {
  const now = 1_000_000_000_000;
  it('keeps durations current from the state start', async () => {
    const { formatStatus } = await import('./format');
    expect(formatStatus({ state: 'running', stateSince: now / 1000 - 180, exitCode: null }, now)).toBe('up 3 minutes');
    expect(formatStatus({ state: 'running', stateSince: now / 1000 - 2, exitCode: null }, now)).toBe('up a few seconds');
    expect(formatStatus({ state: 'exited', stateSince: now / 1000 - 7200, exitCode: 137 }, now)).toBe('exited (137) 2 hours ago');
    expect(formatStatus({ state: 'created', stateSince: null, exitCode: null }, now)).toBe('created');
  });
});
