import { describe, expect, it } from 'vitest';
import { AGENT_SCRIPT, AgentUnusable, batchCommand, parseBatchOutput } from './agent-script';

const http = { type: 'http' as const, port: 8080, path: '/healthz?x=$(id)', response_timeout: 1500 };
const tcp = { type: 'tcp' as const, port: 5432, path: '/', response_timeout: 2000 };

describe('health agent batch', () => {
  it('passes every value as its own argument after the fixed script, never inside shell text', () => {
    const cmd = batchCommand([
      { pid: 123, spec: http },
      { pid: 456, spec: tcp },
    ]);
    expect(cmd.slice(0, 4)).toEqual(['sh', '-c', AGENT_SCRIPT, 'sh']);
    expect(cmd.slice(4)).toEqual(['123', 'http', '8080', '/healthz?x=$(id)', '2', '456', 'tcp', '5432', '/', '2']);
    expect(AGENT_SCRIPT).not.toContain('healthz');
  });

  it('reads one verdict per probe by index, whatever order they finished in', () => {
    const items = [
      { pid: 1, spec: http },
      { pid: 2, spec: tcp },
      { pid: 3, spec: http },
      { pid: 4, spec: tcp },
    ];
    const r = parseBatchOutput('2 143\n0 0\n1 1\n', items);
    expect(r[0]).toEqual({ ok: true, error: null });
    expect(r[1].error).toBe('TCP port 5432 refused or timed out');
    expect(r[2].error).toBe('no answer on port 8080 within 1500 ms');
    expect(r[3]).toMatchObject({ ok: false, error: 'the health agent did not report this probe' });
  });

  it('names a missing applet, and refuses an image without nsenter as unusable for the agent', () => {
    expect(parseBatchOutput('0 127\n', [{ pid: 1, spec: http }])[0].error).toMatch(/lacks wget.*BERTH_HEALTH_PROBE_IMAGE/);
    expect(() => parseBatchOutput('no-nsenter\n', [{ pid: 1, spec: http }])).toThrow(AgentUnusable);
  });
});
