/**
 * What the "Why?" panel shows (server/diagnosis): hints built from evidence Berth already has. Each hint names the
 * evidence it read, quoted, and what to do; the rule ids are stable so alerts can refer to them later.
 */
export type HintSeverity = 'error' | 'warning' | 'info';

export interface Hint {
  /** the rule that made it, e.g. "oom-killed", "exit-code", "dependency" */
  id: string;
  severity: HintSeverity;
  /** plain words: "Killed: out of memory" */
  title: string;
  /** what was seen, quoted: "exit code 137, OOMKilled=true, memory limit 64 MiB" */
  evidence: string;
  /** what to do about it */
  action: string;
  /** set on a stack's hints: the service and container they are about */
  service?: string;
  container?: string;
}

export interface ContainerDiagnosis {
  container: { id: string; name: string; state: string; health: string | null };
  /** false when the container is not running, restarting, or unhealthy (by the Engine or by Berth's own check) */
  healthy: boolean;
  hints: Hint[];
  /** the last log lines read for the diagnosis; null when hidden (a sensitive container) or unreadable */
  logs: string[] | null;
}

export interface StackDiagnosis {
  stack: string;
  healthy: boolean;
  hints: Hint[];
  /** every container that is not healthy, with its own hints and last log lines */
  containers: ContainerDiagnosis[];
}
