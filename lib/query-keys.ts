/** Every TanStack Query key in one place, so the live stream and the pages agree on where data lives. */
export const qk = {
  /** ContainerSummary[] across all hosts, kept current by the live stream */
  containers: ['containers'] as const,
  /** HostView[], kept current by the live stream */
  hosts: ['hosts'] as const,
  /** ContainerDetail of one container, refetched when the live stream reports a change to it */
  container: (hostId: string, cid: string) => ['container', hostId, cid] as const,
  containerPrefix: ['container'] as const,
};
