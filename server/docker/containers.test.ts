import { describe, expect, it } from 'vitest';
import { healthFromStatus, toSummary } from './containers';

describe('container summaries', () => {
  it('reads health from the status text', () => {
    expect(healthFromStatus('Up 3 minutes (healthy)')).toBe('healthy');
    expect(healthFromStatus('Up 1 second (health: starting)')).toBe('starting');
    expect(healthFromStatus('Up 2 hours (unhealthy)')).toBe('unhealthy');
    expect(healthFromStatus('Exited (0) 2 minutes ago')).toBeNull();
  });

  it('reshapes Engine JSON: name without slash, compose labels, ports once per family', () => {
    const s = toSummary('h1', {
      Id: 'abc123',
      Names: ['/shop-web-1'],
      Image: 'nginx:1',
      ImageID: 'sha256:1',
      Command: 'nginx',
      Created: 100,
      State: 'running',
      Status: 'Up 1 minute',
      Ports: [
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      ],
      Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' },
    } as never);
    expect(s.name).toBe('shop-web-1');
    expect(s.project).toBe('shop');
    expect(s.service).toBe('web');
    expect(s.ports).toHaveLength(1);
    expect(s.ports[0]).toMatchObject({ privatePort: 80, publicPort: 8080 });
  });
});
