import { describe, expect, it } from 'vitest';
import { scaleChangesNothing, stackLifecycle } from './stack-status';

describe('stackLifecycle', () => {
  it('a deployed stack names its version', () => {
    expect(stackLifecycle({ running: 2, total: 2, deployedVersion: 3 })).toEqual({ description: '2/2 containers running · version 3', neverDeployed: false });
  });
  it('an adopted stack (containers, no version) does not read "not deployed yet", and its buttons stay on', () => {
    const r = stackLifecycle({ running: 1, total: 1, deployedVersion: null });
    expect(r.description).toBe('1/1 container running · adopted as found on the host; deploy to make this file version 1');
    expect(r.description).not.toMatch(/not deployed/);
    expect(r.neverDeployed).toBe(false);
  });
  it('a stack never deployed says so and has nothing to start or stop', () => {
    expect(stackLifecycle({ running: 0, total: 0, deployedVersion: null })).toEqual({
      description: '0/0 containers running · not deployed yet',
      neverDeployed: true,
    });
  });
});

describe('scaleChangesNothing', () => {
  const c = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `c${i}`, name: `web-${i + 1}`, number: i + 1, state: 'running', health: 'none', ports: [] }));
  it('is true only when the file and the host already have that count', () => {
    expect(scaleChangesNothing({ replicas: 1, containers: c(1) }, 1)).toBe(true);
    expect(scaleChangesNothing({ replicas: 1, containers: c(1) }, 2)).toBe(false);
    // a replica was removed by hand: scaling to the file's count brings it back, so it is sent
    expect(scaleChangesNothing({ replicas: 2, containers: c(1) }, 2)).toBe(false);
    expect(scaleChangesNothing({ replicas: null, containers: c(3) }, 3)).toBe(true);
  });
});
