import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { stringify } from 'yaml';
import { hostProjects } from '../compose/host-state';
import { L } from '../compose/labels';
import { loadCompose } from '../compose/load';
import type { Berth } from '../berth';
import type { Engine } from '../docker/connect';
import { inspectRawContainer } from '../docker/container-calls';
import { inspectRawImage } from '../docker/images';
import { conflict, notFound } from '../errors';
import { findStack, insertStack, type StackRecord } from './repo';

export interface Adopted {
  stack: StackRecord;
  /** where the file came from: the project's own compose file on the host, or rebuilt from the containers */
  source: 'files' | 'containers';
  note: string;
}

/**
 * Takes a compose project Berth did not deploy into Berth's store. When the host is this machine's socket and the
 * project's config_files label names readable files that Berth can deploy, they are used as written (with the .env
 * beside them); otherwise the file is rebuilt from what the containers show (image, command, environment, ports,
 * volumes, networks, restart, labels, healthcheck, replicas). The containers keep running untouched.
 */
export async function adoptStack(b: Berth, hostId: string, name: string): Promise<Adopted> {
  const rt = b.fleet.reachable(hostId);
  if (await findStack(b.db, b.box, hostId, name)) throw conflict(`Stack ${name} is already managed by Berth`);
  const project = (await hostProjects(rt.engine)).find((p) => p.name === name);
  if (!project) throw notFound(`No compose project named ${name} runs on ${rt.record.name}`);
  const fromFiles = rt.record.connection.kind === 'socket' ? readProjectFiles(project.containers) : null;
  if (fromFiles) {
    const r = loadCompose(fromFiles);
    if (r.ok) {
      const stack = await insertStack(b.db, b.box, hostId, name, fromFiles.compose, fromFiles.env);
      return { stack, source: 'files', note: `read ${fromFiles.file}` };
    }
  }
  const compose = await rebuildCompose(rt.engine, project.containers);
  const stack = await insertStack(b.db, b.box, hostId, name, compose, '');
  const why = fromFiles
    ? `${fromFiles.file} uses what Berth cannot deploy, so it was rebuilt from the containers`
    : 'rebuilt from the containers (the project files are not readable from Berth)';
  return { stack, source: 'containers', note: why };
}

function readProjectFiles(containers: Docker.ContainerInfo[]): { compose: string; env: string; file: string } | null {
  const labels = containers[0]?.Labels ?? {};
  const files = (labels[L.configFiles] ?? '').split(',').filter(Boolean);
  if (files.length !== 1) return null;
  try {
    const compose = fs.readFileSync(files[0], 'utf8');
    const envFile = path.join(labels[L.workingDir] ?? path.dirname(files[0]), '.env');
    const env = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : '';
    return { compose, env, file: files[0] };
  } catch {
    return null;
  }
}

const withoutCompose = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).filter(([k]) => !k.startsWith('com.docker.compose.') && !k.startsWith('io.berth.')));

async function rebuildCompose(engine: Engine, containers: Docker.ContainerInfo[]): Promise<string> {
  const byService = new Map<string, Docker.ContainerInfo[]>();
  for (const c of containers) byService.set(c.Labels[L.service], [...(byService.get(c.Labels[L.service]) ?? []), c]);
  const services: Record<string, unknown> = {};
  const networks: Record<string, unknown> = {};
  const volumes: Record<string, unknown> = {};
  for (const [svc, list] of byService) {
    const info = await inspectRawContainer(engine, list[0].Id);
    const image = await inspectRawImage(engine, info.Image).catch(() => null);
    const imageEnv = new Set(image?.Config?.Env ?? []);
    const s: Record<string, unknown> = { image: info.Config.Image };
    if (info.Config.Cmd && JSON.stringify(info.Config.Cmd) !== JSON.stringify(image?.Config?.Cmd)) s.command = info.Config.Cmd;
    const env = (info.Config.Env ?? []).filter((e) => !imageEnv.has(e));
    if (env.length) s.environment = env;
    const ports = Object.entries(info.HostConfig.PortBindings ?? {}).flatMap(([k, bs]) =>
      ((bs as { HostIp: string; HostPort: string }[] | null) ?? []).map(
        (bd) => `${bd.HostIp ? `${bd.HostIp}:${bd.HostPort}:` : bd.HostPort ? `${bd.HostPort}:` : ''}${k.replace('/tcp', '')}`,
      ),
    );
    if (ports.length) s.ports = ports;
    const mounts = (info.Mounts ?? []).flatMap((m) => {
      if (m.Type === 'bind') return [`${m.Source}:${m.Destination}${m.RW ? '' : ':ro'}`];
      if (m.Type !== 'volume' || !m.Name) return [];
      const key = m.Name.startsWith(`${list[0].Labels[L.project]}_`) ? m.Name.slice(list[0].Labels[L.project].length + 1) : m.Name;
      if (/^[0-9a-f]{64}$/.test(m.Name)) return [m.Destination];
      volumes[key] = key === m.Name ? { external: true } : {};
      return [`${key}:${m.Destination}${m.RW ? '' : ':ro'}`];
    });
    if (mounts.length) s.volumes = mounts;
    const nets = Object.keys(info.NetworkSettings.Networks ?? {}).filter((n) => !['bridge', 'host', 'none'].includes(n));
    const prefix = `${list[0].Labels[L.project]}_`;
    const keys = nets.map((n) => (n.startsWith(prefix) ? n.slice(prefix.length) : n));
    nets.forEach((n, i) => (networks[keys[i]] = n === keys[i] ? { external: true } : {}));
    if (keys.length && !(keys.length === 1 && keys[0] === 'default')) s.networks = keys;
    const restart = info.HostConfig.RestartPolicy?.Name;
    // Compose v2 writes the default as "no", 1.29 as ""
    if (restart && restart !== 'no')
      s.restart =
        restart === 'on-failure' && info.HostConfig.RestartPolicy?.MaximumRetryCount
          ? `on-failure:${info.HostConfig.RestartPolicy.MaximumRetryCount}`
          : restart;
    const labels = withoutCompose(info.Config.Labels ?? {});
    for (const k of Object.keys(image?.Config?.Labels ?? {})) delete labels[k];
    if (Object.keys(labels).length) s.labels = labels;
    const hc = info.Config.Healthcheck;
    if (hc?.Test && JSON.stringify(hc) !== JSON.stringify(image?.Config?.Healthcheck)) {
      s.healthcheck = {
        test: hc.Test,
        ...(hc.Interval ? { interval: `${hc.Interval / 1e6}ms` } : {}),
        ...(hc.Timeout ? { timeout: `${hc.Timeout / 1e6}ms` } : {}),
        ...(hc.Retries ? { retries: hc.Retries } : {}),
      };
    }
    if (list.length > 1) s.deploy = { replicas: list.length };
    services[svc] = s;
  }
  const file: Record<string, unknown> = { services };
  if (Object.keys(networks).some((k) => k !== 'default' || (networks[k] as { external?: boolean }).external)) file.networks = networks;
  if (Object.keys(volumes).length) file.volumes = volumes;
  return `# Rebuilt by Berth from the running containers of this project\n${stringify(file)}`;
}
