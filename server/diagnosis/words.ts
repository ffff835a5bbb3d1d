/** Small formatting shared by the rules: quoting evidence and sizes in the words people use. */

/** One line of evidence in quotes, cut so a hint stays readable. */
export function quote(s: string, max = 240): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return `"${one.length > max ? `${one.slice(0, max - 1)}…` : one}"`;
}

export function mib(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  const m = bytes / 1024 ** 2;
  return `${Number.isInteger(m) ? m : m.toFixed(1)} MiB`;
}

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
};

/** The signal behind an exit code above 128 (the shell convention the Engine follows), e.g. 137 → SIGKILL. */
export function signalOf(exitCode: number): string | null {
  if (exitCode <= 128 || exitCode > 128 + 64) return null;
  return SIGNALS[exitCode - 128] ?? `signal ${exitCode - 128}`;
}

/** The last non-empty log line, for evidence. */
export function lastLine(logs: string[] | null): string | null {
  if (!logs) return null;
  for (let i = logs.length - 1; i >= 0; i--) if (logs[i].trim()) return logs[i];
  return null;
}

/** The last log line that reads like an error, else the last line. */
export function telling(logs: string[] | null): string | null {
  if (!logs) return null;
  for (let i = logs.length - 1; i >= 0; i--)
    if (/error|fatal|panic|exception|fail|denied|refused|not found|no such|cannot|can't|unable/i.test(logs[i])) return logs[i];
  return lastLine(logs);
}
