import type { Launch } from '@/lib/schemas/launch';
import { joinWords } from '@/lib/schemas/launch-text';

/**
 * The form's values: the launch input with the argument arrays and lists as the text a person edits. The schema reads
 * both forms, so these values go through LaunchFormSchema unchanged and errors come back at the same paths.
 */
export interface LaunchFormValues {
  hostId: string;
  image: string;
  pullIfMissing: boolean;
  name: string;
  command: string;
  entrypoint: string;
  workingDir: string;
  user: string;
  hostname: string;
  env: { key: string; value: string }[];
  labels: { key: string; value: string }[];
  ports: { hostIp: string; hostPort: string; containerPort: string; protocol: 'tcp' | 'udp' | 'sctp' }[];
  volumes: { type: 'volume' | 'bind' | 'anonymous'; source: string; target: string; readOnly: boolean }[];
  networks: { name: string; aliases: string }[];
  restart: Launch['restart'];
  maxRetries: string;
  memory: string;
  cpus: string;
  healthcheck: { command: string; interval: string; timeout: string; startPeriod: string; retries: string };
  tty: boolean;
  openStdin: boolean;
  privileged: boolean;
  capAdd: string;
  capDrop: string;
  sensitive: boolean;
  dns: string;
  dnsSearch: string;
  dnsOptions: string;
  extraHosts: string;
  tmpfs: string;
  logDriver: string;
  logOptions: string;
  ulimits: string;
  init: boolean;
  readOnly: boolean;
  /** not edited here: the Engine settings kept from the container being copied, sent back as they came */
  advanced?: Launch['advanced'];
}

const EMPTY_HEALTH = { command: '', interval: '', timeout: '', startPeriod: '', retries: '' };

export function toFormValues(l: Launch | null, hostId: string): LaunchFormValues {
  if (!l) {
    return {
      hostId,
      image: '',
      pullIfMissing: true,
      name: '',
      command: '',
      entrypoint: '',
      workingDir: '',
      user: '',
      hostname: '',
      env: [],
      labels: [],
      ports: [],
      volumes: [],
      networks: [],
      restart: 'no',
      maxRetries: '',
      memory: '',
      cpus: '',
      healthcheck: EMPTY_HEALTH,
      tty: false,
      openStdin: false,
      privileged: false,
      capAdd: '',
      capDrop: '',
      sensitive: false,
      dns: '',
      dnsSearch: '',
      dnsOptions: '',
      extraHosts: '',
      tmpfs: '',
      logDriver: '',
      logOptions: '',
      ulimits: '',
      init: false,
      readOnly: false,
    };
  }
  return {
    ...l,
    hostId,
    command: joinWords(l.command),
    entrypoint: joinWords(l.entrypoint),
    networks: l.networks.map((n) => ({ name: n.name, aliases: n.aliases.join(', ') })),
    healthcheck: l.healthcheck ? { ...l.healthcheck, command: joinWords(l.healthcheck.command) } : EMPTY_HEALTH,
    capAdd: l.capAdd.join(', '),
    capDrop: l.capDrop.join(', '),
    dns: l.dns.join(', '),
    dnsSearch: l.dnsSearch.join(', '),
    dnsOptions: l.dnsOptions.join(' '),
    // Words, quoted where needed, since options hold commas and values may hold spaces.
    extraHosts: joinWords(l.extraHosts),
    tmpfs: joinWords(l.tmpfs),
    logOptions: joinWords(l.logOptions),
    ulimits: joinWords(l.ulimits),
  };
}
