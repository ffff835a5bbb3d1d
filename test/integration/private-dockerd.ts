import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { docker, harness, waitFor } from './support';

/**
 * A dockerd of one test file's own, for tests that kill it (stacks-hostdeath): never a harness daemon, which other
 * tests share. It runs on a short temporary folder (the exec root holds containerd's socket paths, which must stay
 * under 108 bytes) and is restarted on the same data root, as a host that comes back after a crash.
 */
export interface PrivateDaemon {
  dir: string;
  sock: string;
  /** the running dockerd (null before start) */
  proc(): ChildProcess | null;
  start(): Promise<void>;
  /** docker save (daemon A) | docker load (this daemon): no registry is reachable here */
  copyImage(ref: string): Promise<void>;
  /** containerd's folder for a container's task: present while containerd holds a task for it */
  taskDir(id: string): string;
  /** stops dockerd and everything it left running, and deletes the folder */
  close(): Promise<void>;
}

const DOCKERD = process.env.DOCKERD ?? '/usr/sbin/dockerd';

export const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));
const alive = (p: ChildProcess | null): p is ChildProcess => !!p && p.exitCode === null && p.signalCode === null;

export function privateDaemon(): PrivateDaemon {
  const dir = fs.mkdtempSync('/tmp/bhd-');
  const sock = path.join(dir, 'd.sock');
  const h = harness();
  let proc: ChildProcess | null = null;

  /**
   * The managed containerd dies with a SIGKILLed dockerd (parent-death signal) but can linger as a zombie nobody has
   * reaped yet; a restarted dockerd would take the pidfile's process for a live containerd and wait for it in vain.
   */
  const dropStaleContainerdPid = () => {
    const file = path.join(dir, 'x/containerd/containerd.pid');
    const pid = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
    if (!pid) return;
    const status = fs.existsSync(`/proc/${pid}/status`) ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    if (!status || /^State:\s+Z/m.test(status)) fs.rmSync(file, { force: true });
  };

  const start = async () => {
    dropStaleContainerdPid();
    fs.writeFileSync(path.join(dir, 'daemon.json'), JSON.stringify({ 'deprecated-key-path': path.join(dir, 'key.json') }));
    const log = fs.openSync(path.join(dir, 'dockerd.log'), 'a');
    // As the harness starts daemon B: no default bridge and no iptables (both are global and belong to the harness).
    proc = spawn(
      DOCKERD,
      [
        '--config-file',
        path.join(dir, 'daemon.json'),
        '--data-root',
        path.join(dir, 'data'),
        '--exec-root',
        path.join(dir, 'x'),
        '--pidfile',
        path.join(dir, 'd.pid'),
        '--host',
        `unix://${sock}`,
        '--bridge',
        'none',
        '--iptables=false',
        '--ip-masq=false',
      ],
      { detached: true, stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    await waitFor(
      'the private dockerd to answer',
      () =>
        docker(sock, 'version', '--format', '{{.Server.Version}}').then(
          () => true,
          () => false,
        ),
      60_000,
    );
  };

  const copyImage = async (ref: string) => {
    const save = spawn(h.DOCKER_CLI ?? 'docker', ['-H', `unix://${h.DOCKER_A_SOCKET}`, 'save', ref], { stdio: ['ignore', 'pipe', 'inherit'] });
    const load = spawn(h.DOCKER_CLI ?? 'docker', ['-H', `unix://${sock}`, 'load', '-q'], { stdio: ['pipe', 'ignore', 'inherit'] });
    save.stdout!.pipe(load.stdin!);
    const [a, b] = await Promise.all([save, load].map((p) => new Promise<number | null>((r) => p.on('exit', r))));
    if (a !== 0 || b !== 0) throw new Error(`copying ${ref} into the private daemon failed (save ${a}, load ${b})`);
  };

  const close = async () => {
    // a test that failed may have left the daemon dead: bring it back to remove its containers (their shims outlive it)
    if (!alive(proc)) await start().catch(() => undefined);
    const left = (await docker(sock, 'ps', '-aq').catch(() => '')).trim().split('\n').filter(Boolean);
    if (left.length) await docker(sock, 'rm', '-f', ...left).catch(() => undefined);
    const p = proc;
    if (alive(p)) {
      p.kill('SIGTERM');
      await Promise.race([exited(p), new Promise((r) => setTimeout(r, 30_000))]);
      if (alive(p)) p.kill('SIGKILL');
    }
    // a task whose daemon died during its start outlives the removal of its container: its shim is ours to end
    for (const pid of processesUsing(dir)) killPid(pid);
    // dockerd mounts its data root on itself (private propagation) and leaves that mount behind, and a stale task's
    // root filesystem stays mounted; innermost first
    for (const m of mountsUnder(dir)) await new Promise((r) => spawn('umount', ['-l', m], { stdio: 'ignore' }).on('exit', r));
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };

  return {
    dir,
    sock,
    proc: () => proc,
    start,
    copyImage,
    taskDir: (id) => path.join(dir, 'x/containerd/daemon/io.containerd.runtime.v2.task/moby', id),
    close,
  };
}

/** Pids of the processes whose command line names `needle` (a shim names its containerd socket and container id). */
export function processesUsing(needle: string): number[] {
  const pids: number[] = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      if (
        fs
          .readFileSync(`/proc/${e}/cmdline`, 'utf8')
          .split('\0')
          .some((a) => a.includes(needle))
      )
        pids.push(Number(e));
    } catch {
      // the process ended while we looked: nothing to do
    }
  }
  return pids;
}

function mountsUnder(dir: string): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m): m is string => !!m && (m === dir || m.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length);
}

/**
 * The freezer runs in a process of its own, started before the deploy, because the window is a few milliseconds and
 * the test's own event loop is busy with Berth. It follows the daemon's /events; when the container is created it
 * spins until the shim runs `runc create` for it (dockerd's start request has reached containerd), stops that runc
 * (SIGSTOP) so the start can go no further, and SIGKILLs dockerd. Waiting for runc's init.pid instead and stopping
 * the shim proved too late about a third of the time: the start went through, or the restarted daemon took the task
 * for a running container. argv: socket, container name, containerd's task folder, dockerd's pid.
 */
const FREEZER = `
const fs = require('fs'), http = require('http'), path = require('path');
const [sock, name, tasks, dockerd] = process.argv.slice(1);
const filters = encodeURIComponent(JSON.stringify({ type: ['container'], event: ['create'] }));
http.get({ socketPath: sock, path: '/events?filters=' + filters }, (res) => {
  process.stdout.write('ready\\n');
  let buf = '';
  res.on('data', (c) => {
    buf += c;
    const lines = buf.split('\\n');
    buf = lines.pop();
    for (const line of lines) {
      const ev = line.trim() ? JSON.parse(line) : null;
      if (!ev || !ev.Actor || !ev.Actor.Attributes || ev.Actor.Attributes.name !== name) continue;
      const id = ev.Actor.ID;
      const end = Date.now() + 15000;
      let runc = 0;
      while (!runc && Date.now() < end) {
        if (!fs.existsSync(path.join(tasks, id))) continue;
        for (const e of fs.readdirSync('/proc')) {
          let argv = [];
          try { argv = fs.readFileSync('/proc/' + e + '/cmdline', 'utf8').split('\\0'); } catch {}
          if (path.basename(argv[0] || '') === 'runc' && argv.includes('create') && argv.includes(id)) runc = Number(e);
        }
      }
      if (runc) try { process.kill(runc, 'SIGSTOP'); } catch {}
      try { process.kill(Number(dockerd), 'SIGKILL'); } catch {}
      process.stdout.write(JSON.stringify({ id, runc }) + '\\n', () => process.exit(0));
      return;
    }
  });
  res.on('close', () => process.exit(1));
}).on('error', () => process.exit(1));
`;

/**
 * Arms a trap (the freezer above) for the container `name`: its start is held while containerd makes the task, and
 * dockerd is SIGKILLed, so dockerd never records the start; then runc is let go and finishes the task for nobody.
 * That leaves the container in `Created` while containerd keeps a task for it: the window behind "task … already
 * exists". Resolves once armed; `fired` gives the container's id and whether runc was caught (false: no start reached
 * containerd within 15 s; dockerd was killed anyway).
 */
export async function killDuringStart(d: PrivateDaemon, name: string): Promise<{ fired: Promise<{ id: string; hadTask: boolean }> }> {
  const dockerd = d.proc()!;
  const freezer = spawn(process.execPath, ['-e', FREEZER, d.sock, name, d.taskDir(''), String(dockerd.pid)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = (async function* () {
    let buf = '';
    for await (const chunk of freezer.stdout!) {
      buf += String(chunk);
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        yield buf.slice(0, i);
        buf = buf.slice(i + 1);
      }
    }
  })();
  if ((await lines.next()).value !== 'ready') throw new Error("the freezer process could not follow the daemon's events");
  const fired = (async () => {
    const line = (await lines.next()).value;
    if (!line) throw new Error(`the daemon's events ended before ${name} was created`);
    const { id, runc } = JSON.parse(String(line)) as { id: string; runc: number };
    await exited(dockerd);
    // containerd died with dockerd; let runc finish: the shim keeps the task, and nobody will record its start
    if (runc) killPid(runc, 'SIGCONT');
    return { id, hadTask: runc > 0 };
  })();
  fired.catch(() => undefined);
  return { fired };
}

function killPid(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
