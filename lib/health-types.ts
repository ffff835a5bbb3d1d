/** Berth's external health check (x-berth-healthcheck) as the API answers it; the checker lives in server/health. */
export type HealthState = 'initializing' | 'healthy' | 'unhealthy';

export interface ContainerHealth {
  containerId: string;
  hostId: string;
  name: string;
  stack: string;
  service: string;
  state: HealthState;
  since: string;
  lastError: string | null;
  /** recreations since the replica was last healthy, and when the next may run (strategy recreate) */
  recreateAttempts: number;
  nextRecreateAt: string | null;
}
