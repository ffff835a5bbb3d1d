import type { Hint } from '@/lib/diagnosis-types';
import type { ContainerEvidence } from './evidence';
import { lastLine, mib, quote, signalOf, telling } from './words';

/**
 * One rule per thing that goes wrong with a container, each a pure function of the evidence (evidence.ts) that names
 * what it saw and what to do. diagnose.ts runs them all and adds a generic hint when none matched a container that
 * is not healthy.
 */
export type ContainerRule = (e: ContainerEvidence) => Hint[];

const logsNote = (e: ContainerEvidence) => (e.logs?.length ? '; the last log lines are below' : '');
/** Started at least once: an exit code before that is the Engine's own (a failed start), not the program's. */
const ran = (e: ContainerEvidence) => e.startedAt !== null;
const stopped = (e: ContainerEvidence) => !e.running || e.restarting;
const logEvidence = (e: ContainerEvidence, line: string | null) => (line ? `; last log line: ${quote(line)}` : e.logs === null ? '' : '; no log output');

export const oomKilled: ContainerRule = (e) => {
  if (!e.oomKilled) return [];
  const limit = e.memoryLimit ? `memory limit ${mib(e.memoryLimit)}` : 'no memory limit (the host itself ran out)';
  return [
    {
      id: 'oom-killed',
      severity: 'error',
      title: 'Killed: out of memory',
      evidence: `exit code ${e.exitCode}, OOMKilled=true, ${limit}`,
      action: e.memoryLimit
        ? `Raise mem_limit / the memory limit (now ${mib(e.memoryLimit)}), or find the leak${logsNote(e)}`
        : `Give the host more memory or stop what else uses it, or find the leak in this app${logsNote(e)}`,
    },
  ];
};

/** What an exit code says, for a container that ran and stopped (the OOM rule speaks for an OOM kill). */
export const exitCode: ContainerRule = (e) => {
  if (!ran(e) || !stopped(e) || e.paused || e.oomKilled) return [];
  const code = e.exitCode;
  const at = e.finishedAt ? ` at ${e.finishedAt}` : '';
  const hint = (severity: Hint['severity'], title: string, evidence: string, action: string): Hint[] => [
    { id: 'exit-code', severity, title, evidence, action },
  ];
  if (code === 0)
    return hint(
      e.restarting || e.restartCount > 0 ? 'warning' : 'info',
      'Finished: the main process ended normally',
      `exit code 0${at}${logEvidence(e, lastLine(e.logs))}`,
      'A one-off job is done. If it should keep running, its command returned: run the server in the foreground (not as a daemon) and check that the command is the server, not a setup script',
    );
  if (code === 126)
    return hint(
      'error',
      'Command not executable',
      `exit code 126${logEvidence(e, telling(e.logs))}`,
      'The command exists but cannot be run: make it executable (chmod +x) or run it through its interpreter (sh script.sh)',
    );
  if (code === 127)
    return hint(
      'error',
      'Command not found',
      `exit code 127${logEvidence(e, telling(e.logs))}`,
      'A command the container runs is not in the image: check the command and entrypoint for typos, or install the program in the image',
    );
  if (code === 125)
    return hint(
      'error',
      'The Engine could not run the command',
      `exit code 125${e.error ? `, ${quote(e.error)}` : ''}`,
      'Check the container options the error names, then recreate it',
    );
  const signal = signalOf(code);
  if (code === 137)
    return hint(
      'error',
      'Killed (SIGKILL)',
      `exit code 137 = 128 + 9 (SIGKILL), OOMKilled=false${at}`,
      'Something killed it: docker kill, or a stop whose grace period ran out because the process ignored SIGTERM (handle SIGTERM, or raise stop_grace_period), or the host’s OOM killer acting outside the container’s limit (see dmesg on the host)',
    );
  if (code === 139)
    return hint(
      'error',
      'Crashed: segmentation fault',
      `exit code 139 = 128 + 11 (SIGSEGV)${logEvidence(e, lastLine(e.logs))}`,
      'The program crashed on a memory error: a bug, or a library built for another CPU or libc; try another image version',
    );
  if (code === 143)
    return hint(
      e.restarting ? 'warning' : 'info',
      'Stopped (SIGTERM)',
      `exit code 143 = 128 + 15 (SIGTERM)${at}`,
      'It was asked to stop (docker stop, a deploy, a host shutdown) and exited on the signal; start it again if it should run',
    );
  if (code === 134)
    return hint(
      'error',
      'Aborted (SIGABRT)',
      `exit code 134 = 128 + 6 (SIGABRT)${logEvidence(e, telling(e.logs))}`,
      `The program aborted itself on a failed check${logsNote(e)}; read them for the assertion or panic`,
    );
  if (signal)
    return hint(
      'error',
      `Killed by ${signal}`,
      `exit code ${code} = 128 + ${code - 128} (${signal})${logEvidence(e, lastLine(e.logs))}`,
      'Find what sent the signal (a supervisor, a script, docker kill) or why the program raised it',
    );
  return hint(
    'error',
    code === 1 ? 'App error' : `App error (exit code ${code})`,
    `exit code ${code}${logEvidence(e, telling(e.logs))}`,
    e.logs === null
      ? 'The application stopped on an error of its own: its logs say why (they are hidden here: the container is marked sensitive)'
      : `The application stopped on an error of its own${logsNote(e)}; fix what they name (configuration, a missing service, a file) and start it again`,
  );
};

/** The Engine could not exec the command at all (State.Error from runc); the container never ran. */
export const commandFailed: ContainerRule = (e) => {
  const m = /exec: "([^"]*)": (executable file not found in \$PATH|permission denied|no such file or directory|is a directory)/.exec(e.error);
  if (!m) return [];
  const [, cmd, why] = m;
  const notExecutable = why === 'permission denied' || why === 'is a directory';
  return [
    {
      id: 'command',
      severity: 'error',
      title: notExecutable ? `Command not executable: ${cmd}` : `Command not found: ${cmd}`,
      evidence: `exit code ${e.exitCode || (notExecutable ? 126 : 127)}, State.Error ${quote(e.error)}`,
      action: notExecutable
        ? `"${cmd}" is not a program that can run: make it executable (chmod +x in the image) or run it through its interpreter`
        : why === 'no such file or directory' && cmd.includes('/')
          ? `"${cmd}" (or the interpreter its first line names) is not in the image: fix the command or entrypoint, or the script's #! line`
          : `"${cmd}" is not on the image's PATH: fix the command or entrypoint, or install it in the image`,
    },
  ];
};

export const restartLoop: ContainerRule = (e) => {
  if (!e.restarting && e.restartCount < 3) return [];
  const policy = e.restartPolicy.name + (e.restartPolicy.maxRetries ? `:${e.restartPolicy.maxRetries}` : '');
  return [
    {
      id: 'restart-loop',
      severity: e.restarting || !e.running ? 'error' : 'warning',
      title: e.restarting ? 'Restart loop' : `Restarted ${e.restartCount} times`,
      evidence: `RestartCount=${e.restartCount}, restart policy ${policy}${e.restarting ? ', restarting now' : ''}, last exit code ${e.exitCode}`,
      action:
        'It keeps stopping and the Engine keeps starting it again: the exit code and the last log lines say why. Stop it (or set restart: "no") while you fix it, so the loop does not bury the first error',
    },
  ];
};

/** Only while it runs: the Engine leaves a stopped container's health at "unhealthy", which says nothing new. */
export const unhealthy: ContainerRule = (e) => {
  if (e.health?.status !== 'unhealthy' || !e.running || e.restarting) return [];
  const last = [...e.health.log].reverse().find((l) => l.exitCode !== 0);
  return [
    {
      id: 'healthcheck',
      severity: 'error',
      title: 'Unhealthy: its healthcheck fails',
      evidence: `healthcheck failed ${e.health.failingStreak} times in a row${last ? `; last output ${quote(last.output || '(none)')} (exit code ${last.exitCode})` : ''}`,
      action:
        'The app runs but does not pass its own check: read the check’s output; if the app is fine, fix the healthcheck (test command, interval, retries, start_period)',
    },
  ];
};

export const externalCheck: ContainerRule = (e) => {
  if (e.external?.state !== 'unhealthy') return [];
  return [
    {
      id: 'external-check',
      severity: 'error',
      title: 'Berth’s health check fails',
      evidence: `x-berth-healthcheck unhealthy since ${e.external.since}${e.external.lastError ? `; last failure ${quote(e.external.lastError)}` : ''}`,
      action: 'The service does not answer Berth’s probe: check that it listens on the port and path the check names, and read its logs',
    },
  ];
};
