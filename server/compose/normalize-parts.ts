import type { MountSpec, PortSpec } from './model';
import { type EnvFileMap, envFilePath, missingEnvFileMessage } from './env-files';
import type { RawService } from './schema';
import { parseBytes } from './units';

export type Report = (path: (string | number)[], message: string) => void;

/** `KEY=value` list or map → map; list entries without "=" and null map values are taken from `fallback`. */
export function toMap(v: string[] | Record<string, unknown> | undefined, fallback: Record<string, string> = {}, sep = '='): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v) return out;
  if (Array.isArray(v)) {
    for (const item of v) {
      const i = item.indexOf(sep);
      if (i < 0) {
        if (item in fallback) out[item] = fallback[item];
      } else out[item.slice(0, i)] = item.slice(i + 1);
    }
    return out;
  }
  for (const [k, val] of Object.entries(v)) {
    if (val === null || val === undefined) {
      if (k in fallback) out[k] = fallback[k];
    } else out[k] = String(val);
  }
  return out;
}

// "127.0.0.1::80" (an ephemeral port on one address) is the compose spelling; the empty host port is the second ":"
const PORT_SHORT = /^(?:(?:\[([0-9a-fA-F:.]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):)?(?:(\d+)(?:-(\d+))?:|:)?(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/;

/** Short ("8080:80", "127.0.0.1:8000-8001:80-81/udp", "80") and long port forms → one PortSpec per port. */
export function normalizePorts(ports: RawService['ports'], report: Report, base: (string | number)[]): PortSpec[] {
  const out: PortSpec[] = [];
  (ports ?? []).forEach((p, i) => {
    if (typeof p === 'string') {
      const m = PORT_SHORT.exec(p.trim());
      if (!m) return report([...base, i], `port "${p}" is not [host_ip:][host_port:]container_port[/protocol]`);
      const hostIp = m[1] ?? m[2] ?? '';
      const [hs, he, cs, ce] = [m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? undefined : Number(x)));
      const protocol = (m[7] ?? 'tcp') as PortSpec['protocol'];
      const count = (ce ?? cs!) - cs! + 1;
      if (count < 1 || count > 1000) return report([...base, i], `port range in "${p}" is empty or longer than 1000 ports`);
      if (hs !== undefined && (he ?? hs) - hs + 1 !== count && he !== undefined) return report([...base, i], `port "${p}" maps ranges of different lengths`);
      for (let k = 0; k < count; k++) {
        const published = hs === undefined ? null : he === undefined && count > 1 ? null : hs + k;
        out.push({ target: cs! + k, published, hostIp, protocol });
      }
      return;
    }
    const target = Number(p.target);
    const published = p.published === undefined || p.published === '' ? null : Number(p.published);
    if (!Number.isInteger(target) || (published !== null && !Number.isInteger(published))) return report([...base, i], 'port target and published must be port numbers');
    out.push({ target, published, hostIp: p.host_ip ?? '', protocol: p.protocol ?? 'tcp' });
  });
  for (const p of out) {
    if (p.target < 1 || p.target > 65535 || (p.published !== null && (p.published < 1 || p.published > 65535))) {
      report(base, `port ${p.published ?? ''}:${p.target} is outside 1-65535`);
    }
  }
  return out;
}

/**
 * Short ("db:/var/lib/mysql:ro", "/srv/x:/x", "/cache") and long volume forms. Relative host paths ("./data") are
 * refused: a stack's folder lives in Berth's store, not on the Docker host, so there is nothing for "." to mean there.
 */
export function normalizeVolumes(vols: RawService['volumes'], declared: Set<string>, report: Report, base: (string | number)[]): MountSpec[] {
  const out: MountSpec[] = [];
  (vols ?? []).forEach((v, i) => {
    const at = [...base, i];
    if (typeof v === 'string') {
      const parts = v.split(':');
      if (parts.length === 1) return void out.push({ type: 'volume', source: null, target: parts[0], readOnly: false, nocopy: false });
      if (parts.length > 3) return report(at, `volume "${v}" is not source:target[:mode]`);
      const [source, target, mode = 'rw'] = parts;
      const flags = mode.split(',');
      if (flags.some((f) => !['rw', 'ro', 'z', 'Z', 'nocopy', 'consistent', 'cached', 'delegated'].includes(f))) return report(at, `volume "${v}" has an unknown mode "${mode}"`);
      const readOnly = flags.includes('ro');
      if (!target.startsWith('/')) return report(at, `volume "${v}": the container path must be absolute`);
      if (isPath(source)) {
        if (!source.startsWith('/')) return report(at, `volume "${v}": relative host paths are not supported (the stack's folder is not on the Docker host); use an absolute host path or a named volume`);
        return void out.push({ type: 'bind', source, target, readOnly });
      }
      if (!declared.has(source)) return report(at, `volume "${source}" is used by this service but not declared under the top-level volumes:`);
      return void out.push({ type: 'volume', source, target, readOnly, nocopy: flags.includes('nocopy') });
    }
    if (!v.target.startsWith('/')) return report(at, `volume target "${v.target}" must be an absolute container path`);
    if (v.type === 'tmpfs') return void out.push({ type: 'tmpfs', target: v.target, size: v.tmpfs?.size === undefined ? null : parseBytes(v.tmpfs.size) });
    if (v.type === 'bind') {
      if (!v.source || !v.source.startsWith('/')) return report(at, `bind source "${v.source ?? ''}" must be an absolute host path`);
      return void out.push({ type: 'bind', source: v.source, target: v.target, readOnly: !!v.read_only });
    }
    if (v.source && !declared.has(v.source)) return report(at, `volume "${v.source}" is used by this service but not declared under the top-level volumes:`);
    out.push({ type: 'volume', source: v.source ?? null, target: v.target, readOnly: !!v.read_only, nocopy: !!v.volume?.nocopy });
  });
  return out;
}

const isPath = (s: string) => s.startsWith('/') || s.startsWith('.') || s.startsWith('~');

/**
 * env_file entries must name a file in the stack's own folder: the .env typed in the editor, or a text file of the
 * uploaded folder archive (see env-files.ts). Absolute paths and `..` are refused so a stack can never read /etc/shadow
 * or another stack's secrets; "./web.env" and "web.env" are the same file.
 */
export function readEnvFiles(envFile: RawService['env_file'], files: EnvFileMap, report: Report, base: (string | number)[]): string[] {
  const list = envFile === undefined ? [] : Array.isArray(envFile) ? envFile : [envFile];
  const texts: string[] = [];
  list.forEach((entry, i) => {
    const p = typeof entry === 'string' ? entry : entry.path;
    const required = typeof entry === 'string' ? true : entry.required !== false;
    const at = Array.isArray(envFile) ? [...base, i] : base;
    const clean = envFilePath(p);
    if ('error' in clean) {
      if (clean.error === 'absolute') return report(at, `env_file "${p}" is an absolute path; env files must be inside the stack's folder (e.g. .env)`);
      if (clean.error === 'parent') return report(at, `env_file "${p}" leaves the stack's folder ("..") ; env files must be inside it`);
      return report(at, 'env_file names no file; give a path inside the stack\'s folder (e.g. .env)');
    }
    if (!Object.hasOwn(files, clean.path)) {
      const message = required ? missingEnvFileMessage(p, clean.path, files) : null;
      if (message) report(at, message);
      return;
    }
    texts.push(files[clean.path]);
  });
  return texts;
}
