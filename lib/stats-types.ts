/** Live resource figures, shared by server and browser. Computed in server/docker/stats.ts as the docker CLI does. */

/** One reading of one container. Network and block figures are totals since the container started. */
export interface StatsSample {
  /** unix milliseconds, the Engine's read time */
  t: number;
  /** % of one CPU (200 = two CPUs busy), null when there is no earlier reading to compare with */
  cpu: number | null;
  /** bytes in use, without the inactive file cache (as `docker stats` shows it) */
  memUsed: number;
  memLimit: number;
  memPercent: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
  pids: number;
}

/** Why a container's live figures stopped. */
export type StatsEndReason = 'container stopped' | 'container removed' | 'host removed' | 'stats stream ended';

/** Server-sent events of GET /api/v1/hosts/{id}/containers/{cid}/stats. */
export type StatsMessage =
  /** first: the kept history (up to an hour), oldest first, and whether live samples follow */
  | { type: 'history'; id: string; samples: StatsSample[]; live: boolean; reason?: StatsEndReason }
  | { type: 'sample'; sample: StatsSample }
  /** the container stopped, was removed, or the Engine ended the stream; history stays shown */
  | { type: 'end'; reason: StatsEndReason }
  /** the container runs again: samples follow */
  | { type: 'resumed' };

/** Sums over the running containers of one host. */
export interface HostStatsTotals {
  t: number;
  hostId: string;
  /** running containers on the host */
  running: number;
  /** of those, how many have a reading yet */
  measured: number;
  cpu: number;
  memUsed: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
  pids: number;
}

/** GET /api/v1/hosts/{id}/stats?ids=…: the latest reading of each asked-for container (null: none yet). */
export interface ContainerStatsBatch {
  samples: Record<string, StatsSample | null>;
  /** how often the server reads these; asking more often returns the same figures */
  intervalMs: number;
}
