import type { MountSpec } from './model';
import type { Report } from './report';
import type { RawService } from './schema';
import { parseBytes } from './units';

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
      if (flags.some((f) => !['rw', 'ro', 'z', 'Z', 'nocopy', 'consistent', 'cached', 'delegated'].includes(f)))
        return report(at, `volume "${v}" has an unknown mode "${mode}"`);
      const readOnly = flags.includes('ro');
      if (!target.startsWith('/')) return report(at, `volume "${v}": the container path must be absolute`);
      if (isPath(source)) {
        if (!source.startsWith('/'))
          return report(
            at,
            `volume "${v}": relative host paths are not supported (the stack's folder is not on the Docker host); use an absolute host path or a named volume`,
          );
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
