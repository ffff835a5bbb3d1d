import { describe, expect, it } from 'vitest';
import { parseHumanDuration, readStatus } from './human-duration';

describe('Engine status text', () => {
  it('parses the durations docker prints', () => {
    expect(parseHumanDuration('Less than a second')).toBe(0);
    expect(parseHumanDuration('1 second')).toBe(1);
    expect(parseHumanDuration('45 seconds')).toBe(45);
    expect(parseHumanDuration('About a minute')).toBe(60);
    expect(parseHumanDuration('3 minutes')).toBe(180);
    expect(parseHumanDuration('About an hour')).toBe(3600);
    expect(parseHumanDuration('2 days')).toBe(172_800);
    expect(parseHumanDuration('soon')).toBeNull();
  });

  it('turns a status into when the state began and the exit code', () => {
    expect(readStatus('Up 3 minutes (healthy)', 1000)).toEqual({ since: 820, exitCode: null });
    expect(readStatus('Up 2 hours (Paused)', 10_000)).toEqual({ since: 2800, exitCode: null });
    expect(readStatus('Exited (137) 5 seconds ago', 100)).toEqual({ since: 95, exitCode: 137 });
    expect(readStatus('Created', 100)).toEqual({ since: null, exitCode: null });
    expect(readStatus('Restarting (1) 2 seconds ago', 100)).toEqual({ since: null, exitCode: 1 });
  });
});
