import type { Launch } from './launch';
import { describeAdvanced, EMPTY_ADVANCED } from './launch-advanced-text';
import { joinWords } from './launch-text';

/** One field of the launch input whose value differs: what it was and what it will be, as lines a person reads. */
export interface LaunchChange {
  field: keyof Launch;
  label: string;
  before: string[];
  after: string[];
}

const LABELS: Record<keyof Launch, string> = {
  image: 'Image',
  pullIfMissing: 'Pull if missing',
  name: 'Name',
  command: 'Command',
  entrypoint: 'Entrypoint',
  workingDir: 'Working directory',
  user: 'User',
  hostname: 'Hostname',
  env: 'Environment',
  labels: 'Labels',
  ports: 'Ports',
  volumes: 'Volumes',
  networks: 'Networks',
  restart: 'Restart policy',
  maxRetries: 'Max retries',
  memory: 'Memory limit',
  cpus: 'CPUs',
  healthcheck: 'Healthcheck',
  tty: 'TTY',
  openStdin: 'Keep stdin open',
  privileged: 'Privileged',
  capAdd: 'Capabilities added',
  capDrop: 'Capabilities dropped',
  sensitive: 'Sensitive',
  dns: 'DNS servers',
  dnsSearch: 'DNS search domains',
  dnsOptions: 'DNS options',
  extraHosts: 'Extra hosts',
  tmpfs: 'Tmpfs',
  logDriver: 'Log driver',
  logOptions: 'Log options',
  ulimits: 'Ulimits',
  init: 'Init process',
  readOnly: 'Read-only root filesystem',
  advanced: 'Other Engine settings',
};

/** Each field as a sorted list of lines, so a change in one env row shows as one line out and one line in. */
function lines(l: Launch, f: keyof Launch): string[] {
  switch (f) {
    case 'command':
    case 'entrypoint':
      return l[f].length ? [joinWords(l[f])] : [];
    case 'env':
    case 'labels':
      return l[f].map((r) => `${r.key}=${r.value}`).sort();
    case 'ports':
      return l.ports.map((p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort || '(random)'} → ${p.containerPort}/${p.protocol}`).sort();
    case 'volumes':
      return l.volumes
        .map(
          (v) =>
            `${v.type === 'anonymous' ? `anonymous${v.source ? ` ${v.source.slice(0, 12)}` : ''}` : v.source} → ${v.target}${v.readOnly ? ' (read-only)' : ''}`,
        )
        .sort();
    case 'networks':
      return l.networks.map((n) => `${n.name}${n.aliases.length ? ` (aliases ${n.aliases.join(', ')})` : ''}`);
    case 'healthcheck': {
      const h = l.healthcheck;
      if (!h) return [];
      return [joinWords(h.command), ...(['interval', 'timeout', 'startPeriod', 'retries'] as const).filter((k) => h[k]).map((k) => `${k} ${h[k]}`)];
    }
    case 'capAdd':
    case 'capDrop':
    case 'tmpfs':
    case 'extraHosts':
    case 'ulimits':
    case 'logOptions':
      return [...l[f]].sort();
    case 'dns':
    case 'dnsSearch':
    case 'dnsOptions':
      // Order matters to the resolver: a reordering is a change.
      return [...l[f]];
    case 'advanced':
      return describeAdvanced(l.advanced ?? EMPTY_ADVANCED);
    default: {
      const v = l[f];
      return v === '' || v === false ? [] : [String(v === true ? 'yes' : v)];
    }
  }
}

/** Field-by-field differences between the current launch input and the edited one. */
export function diffLaunch(before: Launch, after: Launch): LaunchChange[] {
  const out: LaunchChange[] = [];
  for (const field of Object.keys(LABELS) as (keyof Launch)[]) {
    if (field === 'pullIfMissing') continue;
    const b = lines(before, field);
    const a = lines(after, field);
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ field, label: LABELS[field], before: b, after: a });
  }
  return out;
}

const KEPT: [keyof Launch, string][] = [
  ['tmpfs', 'tmpfs'],
  ['dns', 'dns'],
  ['dnsSearch', 'dns search'],
  ['dnsOptions', 'dns options'],
  ['extraHosts', 'extra hosts'],
  ['ulimits', 'ulimits'],
  ['init', 'init'],
  ['readOnly', 'read-only root filesystem'],
];

/**
 * The settings beyond the basics that Edit & recreate carries over unchanged ("tmpfs /run", "dns 1.1.1.1", "log driver
 * json-file (max-size=10m)", "devices /dev/fuse:/dev/fuse:rwm"), so the review shows that they are kept, not only what changes.
 */
export function keptSettings(before: Launch, after: Launch): string[] {
  const out: string[] = [];
  const same = (f: keyof Launch) => JSON.stringify(lines(before, f)) === JSON.stringify(lines(after, f));
  for (const [f, label] of KEPT) {
    const a = lines(after, f);
    if (a.length && same(f)) out.push(typeof after[f] === 'boolean' ? label : `${label} ${a.join(', ')}`);
  }
  if (after.logDriver && same('logDriver') && same('logOptions'))
    out.push(`log driver ${after.logDriver}${after.logOptions.length ? ` (${after.logOptions.join(', ')})` : ''}`);
  const was = new Set(lines(before, 'advanced'));
  out.push(...lines(after, 'advanced').filter((l) => was.has(l)));
  return out;
}
