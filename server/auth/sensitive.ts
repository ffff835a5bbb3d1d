import type { Principal } from './policy';

/**
 * Containers labelled io.berth.sensitive=true (set from the launch form or a compose file) hold secrets in their
 * logs and environment: viewers see that they exist, not what they print or carry.
 */
export const SENSITIVE_LABEL = 'io.berth.sensitive';

export const isSensitive = (labels: Record<string, string> | null | undefined) =>
  ['true', '1', 'yes'].includes((labels?.[SENSITIVE_LABEL] ?? '').toLowerCase());

/** Operators and admins of the host may read a sensitive container's logs and environment values. */
export function maySeeSecrets(p: Principal, hostId: string): boolean {
  const role = p.roleOn(hostId);
  return role === 'operator' || role === 'admin';
}

export const HIDDEN_VALUE = '(hidden: sensitive container)';
