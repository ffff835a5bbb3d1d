import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { serviceStates } from './views';

describe('a stack page lists each replica', () => {
  it('with a published port once, though the Engine lists it for IPv4 and IPv6', () => {
    const c = {
      Id: 'abc',
      Names: ['/shop-web-1'],
      Image: 'nginx',
      State: 'running',
      Status: 'Up 2 minutes (healthy)',
      Labels: { 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1' },
      Ports: [
        { IP: '0.0.0.0', PrivatePort: 8080, PublicPort: 18480, Type: 'tcp' },
        { IP: '::', PrivatePort: 8080, PublicPort: 18480, Type: 'tcp' },
        { PrivatePort: 9000, Type: 'tcp' },
      ],
    } as unknown as Docker.ContainerInfo;
    const [web] = serviceStates([c], { web: { image: 'nginx', replicas: 1 } });
    expect(web.containers[0]).toMatchObject({ name: 'shop-web-1', health: 'healthy', ports: ['18480→8080/tcp'] });
  });
});
