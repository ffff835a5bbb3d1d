import type { Hint } from '@/lib/diagnosis-types';
import type { ContainerRule } from './container-rules';
import { conflictPort } from './evidence';
import { quote } from './words';

/** Rules about what a container needs from its host: a free port, its image, its mounts; and states it was left in. */

export const portConflict: ContainerRule = (e) => {
  if (!/port is already allocated|address already in use/i.test(e.error)) return [];
  const port = conflictPort(e.error);
  const holders = e.portHolders.map((h) => h.container);
  return [
    {
      id: 'port-conflict',
      severity: 'error',
      title: port ? `Port ${port} is already in use` : 'A published port is already in use',
      evidence: `State.Error ${quote(e.error)}${holders.length ? `; published by ${holders.join(', ')}` : port ? '; no container publishes it, so another program on the host holds it' : ''}`,
      action: holders.length
        ? `Stop ${holders.join(', ')} or publish a different host port for this container, then start it`
        : 'Stop what listens on that port on the host, or publish a different host port for this container, then start it',
    },
  ];
};

const PULL_ERROR =
  /pull access denied|manifest unknown|manifest for .* not found|repository does not exist|No such image|unauthorized: |toomanyrequests|error pulling image/i;

export const imageProblem: ContainerRule = (e) => {
  if (PULL_ERROR.test(e.error))
    return [
      {
        id: 'image',
        severity: 'error',
        title: `Image ${e.image} could not be pulled`,
        evidence: `State.Error ${quote(e.error)}`,
        action: 'Check the image name and tag, and the registry login (Settings › Registries); a private registry needs its credentials stored before a pull',
      },
    ];
  if (e.imagePresent === false)
    return [
      {
        id: 'image',
        severity: 'warning',
        title: `Image ${e.image} is no longer on this host`,
        evidence: `the reference ${quote(e.image)} does not resolve to a local image`,
        action: 'The container keeps the layers it uses, but a recreate or a deploy must pull or build the image again: check that the registry still has it',
      },
    ];
  return [];
};

export const mountMissing: ContainerRule = (e) => {
  const out: Hint[] = [];
  const bind = /bind source path does not exist: (\S+)|error while creating mount source path '([^']+)'|mount .*?(\/\S+).*?no such file or directory/i.exec(
    e.error,
  );
  if (bind) {
    const path = (bind[1] ?? bind[2] ?? bind[3] ?? '').replace(/[":,]+$/, '');
    out.push({
      id: 'bind-missing',
      severity: 'error',
      title: `Bind mount source missing: ${path}`,
      evidence: `State.Error ${quote(e.error)}`,
      action: `Create ${path} on the host (or fix the path in the bind mount), then start the container`,
    });
  }
  for (const v of e.missingVolumes) {
    const m = e.mounts.find((x) => x.name === v);
    out.push({
      id: 'volume-missing',
      severity: 'error',
      title: `Volume missing: ${v}`,
      evidence: `mounted at ${m?.destination ?? '?'}, but the host has no volume named ${quote(v)}`,
      action:
        'Create the volume (docker volume create, or deploy the stack that declares it) or restore it from a backup; external volumes must exist before a deploy',
    });
  }
  return out;
};

export const neverStarted: ContainerRule = (e) => {
  if (e.status !== 'created' || e.error) return [];
  const binds = e.mounts.filter((m) => m.type === 'bind').map((m) => m.source);
  return [
    {
      id: 'never-started',
      severity: 'warning',
      title: 'Created but never started',
      evidence: `status created, no start recorded${binds.length ? `; bind mounts from ${binds.join(', ')}` : ''}`,
      action: `Start it. A start that failed told whoever tried it why (the stack's last operation or the Activity log)${binds.length ? '; a bind mount whose source path does not exist on the host stops a start' : ''}`,
    },
  ];
};

export const pausedOrDead: ContainerRule = (e) => {
  if (e.paused)
    return [
      { id: 'paused', severity: 'warning', title: 'Paused', evidence: 'State.Paused=true: its processes are frozen', action: 'Unpause it to let it run again' },
    ];
  if (e.dead)
    return [
      {
        id: 'dead',
        severity: 'error',
        title: 'Dead: the Engine could not finish stopping or removing it',
        evidence: `status dead${e.error ? `, State.Error ${quote(e.error)}` : ''}`,
        action: 'Remove it (with force) and create it again; if removal fails, a mount or the storage driver is busy on the host',
      },
    ];
  return [];
};
