import crypto from 'node:crypto';
import { type Duplex, PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { call } from './call';
import { BerthError, conflict } from '../errors';
import type { Engine } from './connect';
import { engineError } from './engine-errors';

export interface ExecSession {
  id: string;
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  /** Ends the process: EOF first, then a kill of everything started by this session if it is still running. */
  end(): Promise<void>;
  exitCode(): Promise<number | null>;
}

const MARK = 'BERTH_EXEC_SESSION';

/**
 * Kills the processes of one exec session inside the container. The Engine has no "kill exec" call and closing the
 * attach stream leaves a TTY process running, so each session marks its processes with an environment variable and
 * this fixed script (no user input in it; the session id is passed as $1) finds and kills them by that mark.
 */
const KILL_SCRIPT =
  'for p in /proc/[0-9]*; do if tr "\\0" "\\n" < "$p/environ" 2>/dev/null | grep -qx "' + MARK + '=$1"; then kill -9 "${p#/proc/}" 2>/dev/null; fi; done';

export async function startExec(engine: Engine, containerId: string, opts: { cmd: string[]; user?: string; cols: number; rows: number }): Promise<ExecSession> {
  const container = engine.docker.getContainer(containerId);
  let state: { Running?: boolean; Paused?: boolean; Status?: string };
  let name = containerId;
  try {
    const info = await call(engine, (abortSignal) => container.inspect({ abortSignal }), 10_000);
    state = info.State;
    name = info.Name.replace(/^\//, '');
  } catch (e) {
    const err = engineError(e, engine.target);
    if (err.kind === 'not_found') throw new BerthError('not_found', `No container "${containerId}" on this host: it may have been removed`);
    throw err;
  }
  if (!state.Running || state.Paused) {
    throw conflict(
      `Container ${name} is ${state.Paused ? 'paused' : (state.Status ?? 'not running')}: start${state.Paused ? ' (unpause)' : ''} it first to open a terminal`,
    );
  }
  const session = crypto.randomUUID();
  try {
    // No deadline from here on, on purpose (see call.ts): the attach stream is the terminal and lives as long as the
    // browser keeps it; the container was just inspected with one, so a dead daemon has already been found out.
    const exec = await container.exec({
      Cmd: opts.cmd,
      User: opts.user || undefined,
      Env: [`${MARK}=${session}`, 'TERM=xterm-256color'],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
    });
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: true } as never)) as unknown as Duplex;
    await exec.resize({ h: opts.rows, w: opts.cols }).catch(() => undefined);
    return {
      id: session,
      stream,
      resize: async (cols, rows) => {
        await exec.resize({ h: rows, w: cols }).catch(() => undefined);
      },
      exitCode: async () => {
        const i = await exec.inspect().catch(() => null);
        return i && !i.Running ? (i.ExitCode ?? null) : null;
      },
      end: async () => {
        // Ctrl-C, then Ctrl-D: a shell at its prompt exits by itself.
        stream.write('\x03\x04');
        stream.end();
        stream.destroy();
        const i = await exec.inspect().catch(() => null);
        if (i?.Running) await killSession(engine, containerId, session);
      },
    };
  } catch (e) {
    const err = engineError(e, engine.target);
    if (/executable file not found|no such file or directory/i.test(err.message)) {
      throw new BerthError('invalid', `"${opts.cmd[0]}" does not exist in container ${name}: pick another shell (e.g. sh) or command`);
    }
    if (/unable to find user|no matching entries in passwd/i.test(err.message)) {
      throw new BerthError('invalid', `User "${opts.user}" does not exist in container ${name}`);
    }
    throw err;
  }
}

async function killSession(engine: Engine, containerId: string, session: string): Promise<void> {
  // Bounded by the 5 s wait below, not by call(): best effort, and its failures are dropped anyway.
  try {
    const killer = await engine.docker.getContainer(containerId).exec({
      Cmd: ['sh', '-c', KILL_SCRIPT, 'berth-kill', session],
      AttachStdout: true,
      AttachStderr: true,
    });
    const s = (await killer.start({})) as unknown as Duplex;
    s.resume();
    await new Promise<void>((resolve) => {
      s.on('end', resolve);
      s.on('close', resolve);
      s.on('error', () => resolve());
      setTimeout(resolve, 5000).unref();
    });
  } catch {
    // Best effort: a container without sh, tr and grep keeps the process until it exits by itself.
  }
}

/**
 * Runs a command in a container without a TTY and returns its stdout (stderr is dropped), all within `ms`: past it
 * the attach stream is closed and the call fails. For short fixed commands (the health agent's probe rounds).
 */
export function execOutput(engine: Engine, containerId: string, cmd: string[], ms: number): Promise<string> {
  return call(
    engine,
    async (signal) => {
      const container = engine.docker.getContainer(containerId);
      const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, abortSignal: signal } as Docker.ExecCreateOptions);
      const stream = await exec.start({ hijack: true, stdin: false, abortSignal: signal } as Docker.ExecStartOptions);
      const stdout = new PassThrough();
      const chunks: Buffer[] = [];
      stdout.on('data', (b: Buffer) => chunks.push(b));
      container.modem.demuxStream(stream, stdout, new PassThrough().resume());
      await new Promise<void>((resolve, reject) => {
        const abort = () => {
          stream.destroy();
          reject(new Error('timed out'));
        };
        signal.addEventListener('abort', abort, { once: true });
        stream.once('end', resolve);
        stream.once('close', resolve);
        stream.once('error', reject);
      });
      return Buffer.concat(chunks).toString('utf8');
    },
    ms,
  );
}
