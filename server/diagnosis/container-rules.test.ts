import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { containerHints, diagnoseEvidence } from './diagnose';
import { type ContainerEvidence, conflictPort, fromInspect } from './evidence';

/**
 * Each rule on Engine states captured from Engine 20.10 (daemon A) with `docker inspect` (fixtures/*.json): the
 * container that exited 1, the command not found, the port conflict, the OOM kill… Where a state is hard to
 * reproduce on this kernel (a segfault of PID 1), a captured state is changed in the one field that differs.
 */
const fixture = (name: string, extra: Partial<ContainerEvidence> = {}): ContainerEvidence => ({
  ...fromInspect(JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as Docker.ContainerInspectInfo),
  imagePresent: true,
  logs: [],
  ...extra,
});
const ids = (e: ContainerEvidence) => containerHints(e).map((h) => h.id);
const first = (e: ContainerEvidence) => containerHints(e)[0];

describe('exit codes', () => {
  it('exit 1: an app error quoting the telling log line', () => {
    const h = first(fixture('exit1', { logs: ['starting', 'FATAL: could not connect to database at db:5432'] }));
    expect(h).toMatchObject({ id: 'exit-code', severity: 'error', title: 'App error' });
    expect(h.evidence).toBe('exit code 1; last log line: "FATAL: could not connect to database at db:5432"');
    expect(h.action).toMatch(/last log lines are below/);
  });

  it('exit 0: finished, as information', () => {
    const e = fixture('exit1', { exitCode: 0, logs: ['done'] });
    expect(first(e)).toMatchObject({ id: 'exit-code', severity: 'info', title: 'Finished: the main process ended normally' });
    expect(diagnoseEvidence(e).healthy).toBe(false);
  });

  it('137 without OOM: killed by SIGKILL, with the stop-timeout explanation', () => {
    const h = first(fixture('137'));
    expect(h).toMatchObject({ id: 'exit-code', title: 'Killed (SIGKILL)' });
    expect(h.evidence).toMatch(/^exit code 137 = 128 \+ 9 \(SIGKILL\), OOMKilled=false/);
    expect(h.action).toMatch(/ignored SIGTERM/);
  });

  it('139 is a segfault, 143 a SIGTERM stop, 134 an abort, 130 another signal', () => {
    expect(first(fixture('exit1', { exitCode: 139 }))).toMatchObject({ title: 'Crashed: segmentation fault', severity: 'error' });
    expect(first(fixture('exit1', { exitCode: 143 }))).toMatchObject({ title: 'Stopped (SIGTERM)', severity: 'info' });
    expect(first(fixture('exit1', { exitCode: 134 })).title).toBe('Aborted (SIGABRT)');
    expect(first(fixture('exit1', { exitCode: 130 })).title).toBe('Killed by SIGINT');
  });

  it('126 and 127 from a shell that ran: not executable, not found', () => {
    expect(first(fixture('exit1', { exitCode: 127, logs: ['sh: nosuch: not found'] }))).toMatchObject({
      title: 'Command not found',
      evidence: 'exit code 127; last log line: "sh: nosuch: not found"',
    });
    expect(first(fixture('exit1', { exitCode: 126 })).title).toBe('Command not executable');
  });

  it('logs hidden (sensitive): says so instead of quoting', () => {
    const h = first(fixture('exit1', { logs: null }));
    expect(h.evidence).toBe('exit code 1');
    expect(h.action).toMatch(/sensitive/);
  });
});

describe('the Engine could not start it', () => {
  it('127: the command is not on PATH (State.Error from runc, status created)', () => {
    const e = fixture('127');
    expect(e.status).toBe('created');
    const h = first(e);
    expect(h).toMatchObject({ id: 'command', title: 'Command not found: nosuchcmd' });
    expect(h.evidence).toMatch(/^exit code 127, State.Error ".*executable file not found in \$PATH/);
    expect(ids(e)).not.toContain('never-started');
  });

  it('126: the command is not executable', () => {
    expect(first(fixture('126'))).toMatchObject({ id: 'command', title: 'Command not executable: /etc/passwd' });
  });

  it('port already allocated, naming the container that holds it', () => {
    const e = fixture('port2', { portHolders: [{ port: 18977, container: 'dfx-port1' }] });
    expect(conflictPort(e.error)).toBe(18977);
    const h = first(e);
    expect(h).toMatchObject({ id: 'port-conflict', title: 'Port 18977 is already in use' });
    expect(h.evidence).toMatch(/port is already allocated"; published by dfx-port1$/);
    expect(h.action).toMatch(/^Stop dfx-port1/);
  });

  it('address already in use by a program outside Docker', () => {
    const error =
      'driver failed programming external connectivity on endpoint web (ab12): Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already in use';
    const h = first(fixture('port2', { error }));
    expect(h.title).toBe('Port 8080 is already in use');
    expect(h.evidence).toMatch(/another program on the host holds it/);
  });

  it('a bind source that does not exist', () => {
    const error = 'invalid mount config for type "bind": bind source path does not exist: /srv/app/config';
    expect(first(fixture('bind', { error }))).toMatchObject({ id: 'bind-missing', title: 'Bind mount source missing: /srv/app/config' });
  });

  it('a named volume the host no longer has', () => {
    const e = fixture('exit1', {
      mounts: [{ type: 'volume', name: 'pgdata', source: '', destination: '/var/lib/postgresql/data' }],
      missingVolumes: ['pgdata'],
    });
    expect(containerHints(e).find((h) => h.id === 'volume-missing')).toMatchObject({ title: 'Volume missing: pgdata', severity: 'error' });
  });

  it('a pull error, and an image no longer on the host', () => {
    const error =
      "pull access denied for nosuch/app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied";
    expect(first(fixture('created', { error }))).toMatchObject({ id: 'image', severity: 'error' });
    const gone = containerHints(fixture('exit1', { imagePresent: false })).find((h) => h.id === 'image');
    expect(gone).toMatchObject({ severity: 'warning', title: 'Image berth-test/busybox:latest is no longer on this host' });
  });

  it('created and never started, listing bind mounts to check', () => {
    const h = first(fixture('bind'));
    expect(h).toMatchObject({ id: 'never-started', title: 'Created but never started' });
    expect(h.evidence).toMatch(/bind mounts from \/tmp\/dfx-bindsrc/);
    expect(first(fixture('created')).id).toBe('never-started');
  });
});

describe('memory, restarts, health', () => {
  it('OOM-killed: exit 137, OOMKilled=true and the 16 MiB limit', () => {
    const e = fixture('oom', { logs: ['loading cache'] });
    const h = first(e);
    expect(h).toMatchObject({ id: 'oom-killed', severity: 'error', title: 'Killed: out of memory' });
    expect(h.evidence).toBe('exit code 137, OOMKilled=true, memory limit 16 MiB');
    expect(h.action).toBe('Raise mem_limit / the memory limit (now 16 MiB), or find the leak; the last log lines are below');
    // the exit-code rule does not also call it a plain SIGKILL
    expect(ids(e)).not.toContain('exit-code');
  });

  it('OOM without a limit: the host ran out', () => {
    expect(first(fixture('oom', { memoryLimit: 0 })).evidence).toBe('exit code 137, OOMKilled=true, no memory limit (the host itself ran out)');
  });

  it('a restart loop: Restarting with its count and policy, after the exit code that causes it', () => {
    const e = fixture('restart', { logs: ['boom'] });
    expect(ids(e)).toEqual(['exit-code', 'restart-loop']);
    const loop = containerHints(e)[1];
    expect(loop).toMatchObject({ title: 'Restart loop', severity: 'error' });
    expect(loop.evidence).toBe('RestartCount=8, restart policy always, restarting now, last exit code 3');
    expect(diagnoseEvidence(e).container.state).toBe('restarting');
  });

  it('a running container restarted several times is a warning', () => {
    const e = fixture('unhealthy', { restartCount: 4, health: null });
    expect(containerHints(e)).toMatchObject([{ id: 'restart-loop', severity: 'warning', title: 'Restarted 4 times' }]);
  });

  it('unhealthy: quotes the Engine healthcheck output', () => {
    const h = first(fixture('unhealthy'));
    expect(h).toMatchObject({ id: 'healthcheck', title: 'Unhealthy: its healthcheck fails' });
    expect(h.evidence).toBe(`healthcheck failed 12 times in a row; last output "cat: can't open '/tmp/ready': No such file or directory" (exit code 1)`);
  });

  it("Berth's external check failing", () => {
    const e = fixture('unhealthy', {
      health: null,
      external: { state: 'unhealthy', lastError: 'HTTP 404 from /index.html', since: '2026-12-03T12:00:00.000Z' },
    });
    expect(first(e)).toMatchObject({
      id: 'external-check',
      evidence: 'x-berth-healthcheck unhealthy since 2026-12-03T12:00:00.000Z; last failure "HTTP 404 from /index.html"',
    });
    expect(diagnoseEvidence(e).healthy).toBe(false);
  });
});

describe('never nothing', () => {
  it('a running, healthy container has no hints and is healthy', () => {
    const d = diagnoseEvidence(fixture('unhealthy', { health: { status: 'healthy', failingStreak: 0, log: [] } }));
    expect(d).toMatchObject({ healthy: true, hints: [] });
  });

  it('an unknown state quotes State.Error', () => {
    const e = fixture('created', { status: 'removing', error: 'something the rules do not know' });
    expect(containerHints(e)).toEqual([expect.objectContaining({ id: 'generic', evidence: 'State.Error "something the rules do not know"' })]);
  });

  it('paused and dead', () => {
    expect(first(fixture('unhealthy', { paused: true, health: null })).id).toBe('paused');
    expect(first(fixture('exit1', { status: 'dead', dead: true, startedAt: null })).id).toBe('dead');
  });
});

describe('stale health', () => {
  it('a stopped container whose health the Engine left at unhealthy gets the exit code, not a healthcheck hint', () => {
    expect(containerHints(fixture('137', { health: { status: 'unhealthy', failingStreak: 0, log: [] } })).map((h) => h.id)).toEqual(['exit-code']);
  });
});

describe('start errors as other Engines word them', () => {
  it('reads the port of an IPv6 bind and of a userland proxy', () => {
    expect(conflictPort('Bind for [::]:8443 failed: port is already allocated')).toBe(8443);
    expect(conflictPort('Error starting userland proxy: listen udp4 0.0.0.0:5353: bind: address already in use')).toBe(5353);
    expect(conflictPort('something else')).toBeNull();
  });

  it('a bind source the Engine could not create', () => {
    const error = "error while creating mount source path '/srv/data': mkdir /srv/data: read-only file system";
    expect(first(fixture('created', { error }))).toMatchObject({ id: 'bind-missing', title: 'Bind mount source missing: /srv/data' });
  });

  it('a script whose interpreter is missing', () => {
    const error =
      'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/entrypoint.sh": no such file or directory: unknown';
    const h = first(fixture('127', { error }));
    expect(h.title).toBe('Command not found: /entrypoint.sh');
    expect(h.action).toMatch(/#! line/);
  });
});
