import type { PortSpec } from './model';
import type { Report } from './report';
import type { RawService } from './schema';

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
    if (!Number.isInteger(target) || (published !== null && !Number.isInteger(published)))
      return report([...base, i], 'port target and published must be port numbers');
    out.push({ target, published, hostIp: p.host_ip ?? '', protocol: p.protocol ?? 'tcp' });
  });
  for (const p of out) {
    if (p.target < 1 || p.target > 65535 || (p.published !== null && (p.published < 1 || p.published > 65535))) {
      report(base, `port ${p.published ?? ''}:${p.target} is outside 1-65535`);
    }
  }
  return out;
}
