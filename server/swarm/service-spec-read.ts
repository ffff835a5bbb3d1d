import { formatBytesExact, formatDuration, joinWords } from '@/lib/schemas/launch-text';
import type { ServiceCreateInput } from '@/lib/schemas/swarm-service';
import { MANAGED_LABEL } from '../docker/volumes';
import type { Rollout, ServiceSpec } from './service-spec';

/**
 * A ServiceSpec as read from the Engine → the service form's value, for the edit form: the reverse of toServiceSpec
 * (service-spec.ts), reading only what the form shows. Pure; the Engine's units (nanoseconds, bytes, nano-CPUs) become
 * what a person types (10s, 256m, 0.5).
 */

const dur = (n: number | undefined) => (n ? formatDuration(n) : '');
const str = (n: number | undefined) => (n === undefined ? '' : String(n));
const cpu = (n: number | undefined) => (n ? String(n / 1e9) : '');
const bytes = (n: number | undefined) => (n ? formatBytesExact(n) : '');
const kv = (e: string) => ({ key: e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')), value: e.indexOf('=') < 0 ? '' : e.slice(e.indexOf('=') + 1) });

function rolloutForm<A extends string>(r: Rollout | undefined, actions: readonly A[]) {
  const action = actions.find((a) => a === r?.FailureAction) ?? actions[0];
  return {
    parallelism: str(r?.Parallelism),
    delay: dur(r?.Delay),
    failureAction: action,
    monitor: dur(r?.Monitor),
    maxFailureRatio: r?.MaxFailureRatio ? String(r.MaxFailureRatio) : '',
    order: (r?.Order === 'start-first' ? 'start-first' : 'stop-first') as 'start-first' | 'stop-first',
  };
}

/** A ServiceSpec as read from the Engine → the form's value, for the edit form (what the form shows). */
export function fromServiceSpec(spec: ServiceSpec): ServiceCreateInput {
  const t = spec.TaskTemplate ?? {};
  const c = t.ContainerSpec ?? {};
  // the Engine answers with "Healthcheck"; a spec Berth wrote itself has "HealthCheck"
  const h = c.HealthCheck ?? (c as { Healthcheck?: typeof c.HealthCheck }).Healthcheck;
  const hc = h?.Test?.[0] === 'CMD' ? h.Test.slice(1) : h?.Test?.[0] === 'CMD-SHELL' ? ['sh', '-c', ...h.Test.slice(1)] : [];
  return {
    name: spec.Name ?? '',
    image: c.Image ?? '',
    command: joinWords(c.Args ?? []),
    entrypoint: joinWords(c.Command ?? []),
    workingDir: c.Dir ?? '',
    user: c.User ?? '',
    hostname: c.Hostname ?? '',
    env: (c.Env ?? []).map(kv),
    labels: Object.entries(spec.Labels ?? {})
      .filter(([k]) => k !== MANAGED_LABEL && !k.startsWith('com.docker.'))
      .map(([key, value]) => ({ key, value })),
    mode: spec.Mode?.Global ? 'global' : 'replicated',
    replicas: spec.Mode?.Global ? '' : str(spec.Mode?.Replicated?.Replicas ?? 1),
    constraints: (t.Placement?.Constraints ?? []).join('\n'),
    preferences: (t.Placement?.Preferences ?? [])
      .filter((p) => p.Spread)
      .map((p) => `spread=${p.Spread!.SpreadDescriptor}`)
      .join('\n'),
    ports: (spec.EndpointSpec?.Ports ?? []).map((p) => ({
      target: str(p.TargetPort),
      published: p.PublishedPort ? String(p.PublishedPort) : '',
      protocol: (p.Protocol ?? 'tcp') as 'tcp' | 'udp' | 'sctp',
      mode: p.PublishMode === 'host' ? 'host' : 'ingress',
    })),
    endpointMode: spec.EndpointSpec?.Mode === 'dnsrr' ? 'dnsrr' : 'vip',
    mounts: (c.Mounts ?? [])
      .filter((m) => m.Type === 'volume' || m.Type === 'bind' || m.Type === 'tmpfs')
      .map((m) => ({
        type: m.Type as 'volume' | 'bind' | 'tmpfs',
        source: m.Source ?? '',
        target: m.Target ?? '',
        readOnly: Boolean(m.ReadOnly),
        tmpfsSize: bytes(m.TmpfsOptions?.SizeBytes),
      })),
    networks: (t.Networks ?? spec.Networks ?? []).map((n) => ({ name: n.Target, aliases: (n.Aliases ?? []).join(', ') })),
    update: rolloutForm(spec.UpdateConfig, ['pause', 'continue', 'rollback'] as const),
    rollback: rolloutForm(spec.RollbackConfig, ['pause', 'continue'] as const),
    restart: {
      condition: (['any', 'on-failure', 'none'] as const).find((x) => x === t.RestartPolicy?.Condition) ?? 'any',
      delay: dur(t.RestartPolicy?.Delay),
      maxAttempts: t.RestartPolicy?.MaxAttempts ? String(t.RestartPolicy.MaxAttempts) : '',
      window: dur(t.RestartPolicy?.Window),
    },
    resources: {
      cpuLimit: cpu(t.Resources?.Limits?.NanoCPUs),
      memoryLimit: bytes(t.Resources?.Limits?.MemoryBytes),
      cpuReservation: cpu(t.Resources?.Reservations?.NanoCPUs),
      memoryReservation: bytes(t.Resources?.Reservations?.MemoryBytes),
    },
    healthcheck: hc.length
      ? {
          command: joinWords(hc),
          interval: dur(h?.Interval),
          timeout: dur(h?.Timeout),
          startPeriod: dur(h?.StartPeriod),
          retries: h?.Retries ? String(h.Retries) : '',
        }
      : null,
    capAdd: (c.CapabilityAdd ?? []).join(', '),
    capDrop: (c.CapabilityDrop ?? []).join(', '),
    sysctls: Object.entries(c.Sysctls ?? {}).map(([key, value]) => ({ key, value })),
    privileges: {
      seccomp: c.Privileges?.Seccomp?.Mode === 'unconfined' ? 'unconfined' : 'default',
      appArmor: c.Privileges?.AppArmor?.Mode === 'disabled' ? 'disabled' : 'default',
      noNewPrivileges: Boolean(c.Privileges?.NoNewPrivileges),
    },
    init: Boolean(c.Init),
    readOnly: Boolean(c.ReadOnly),
    tty: Boolean(c.TTY),
    stopGracePeriod: dur(c.StopGracePeriod),
  };
}
