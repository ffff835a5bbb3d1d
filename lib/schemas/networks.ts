import { z } from 'zod';
import { ContainerRef } from './containers';
import { stringMap } from './volumes';

export type Family = 4 | 6;
export interface Ip {
  family: Family;
  value: bigint;
}
export interface Cidr {
  family: Family;
  /** the address as written */
  address: bigint;
  prefix: number;
  /** the address with the host bits cleared */
  network: bigint;
}

const bitsOf = (f: Family) => (f === 4 ? 32 : 128);

function parseV4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    // No leading zeros: "010" means octal to some tools and decimal to others.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return null;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

/** The 16-bit groups of one side of "::"; a dotted IPv4 tail counts as two groups. */
function groupsOf(t: string, allowV4: boolean): bigint[] | null {
  if (t === '') return [];
  const parts = t.split(':');
  const out: bigint[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (allowV4 && i === parts.length - 1 && p.includes('.')) {
      const v4 = parseV4(p);
      if (v4 === null) return null;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(p)) out.push(BigInt(parseInt(p, 16)));
    else return null;
  }
  return out;
}

function parseV6(s: string): bigint | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const head = groupsOf(halves[0], !compressed);
  const tail = compressed ? groupsOf(halves[1], true) : [];
  if (!head || !tail) return null;
  const given = head.length + tail.length;
  if (compressed ? given > 7 : given !== 8) return null;
  const groups = [...head, ...Array<bigint>(8 - given).fill(0n), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses an IPv4 or IPv6 address (no zone, no brackets). */
export function parseIp(s: string): Ip | null {
  if (s.includes(':')) {
    const v = parseV6(s);
    return v === null ? null : { family: 6, value: v };
  }
  const v = parseV4(s);
  return v === null ? null : { family: 4, value: v };
}

export function formatIp(ip: Ip): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((sh) => Number((ip.value >> sh) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  // Compress the longest run of two or more zero groups, as RFC 5952 asks.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function parseCidr(s: string): Cidr | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (!m) return null;
  const ip = parseIp(m[1]);
  const prefix = Number(m[2]);
  if (!ip || prefix > bitsOf(ip.family)) return null;
  const hostBits = BigInt(bitsOf(ip.family) - prefix);
  const network = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, address: ip.value, prefix, network };
}

export function formatCidr(c: Pick<Cidr, 'family' | 'network' | 'prefix'>): string {
  return `${formatIp({ family: c.family, value: c.network })}/${c.prefix}`;
}

export function contains(c: Cidr, ip: Ip): boolean {
  if (c.family !== ip.family) return false;
  const hostBits = BigInt(bitsOf(c.family) - c.prefix);
  return ip.value >> hostBits === c.network >> hostBits;
}

/** Why `s` is not a subnet Docker can use, or null. */
export function subnetProblem(s: string): string | null {
  const c = parseCidr(s);
  if (!c) return `"${s}" is not a subnet: write it in CIDR form, like 172.28.0.0/16 or fd00:28::/64`;
  if (c.address !== c.network) return `${s} has host bits set: did you mean ${formatCidr(c)}?`;
  if (c.family === 4 && c.prefix > 30) return `${s} is too small for containers: use a /30 or larger (a smaller prefix length)`;
  if (c.family === 6 && c.prefix > 126) return `${s} is too small for containers: use a /126 or larger`;
  return null;
}

/** Why `gateway` cannot be the gateway of `subnet`, or null. Assumes the subnet itself is valid. */
export function gatewayProblem(gateway: string, subnet: string): string | null {
  const ip = parseIp(gateway);
  if (!ip) return `"${gateway}" is not an IP address, like 172.28.0.1`;
  const c = parseCidr(subnet);
  if (!c) return null;
  if (!contains(c, ip)) return `${gateway} is outside the subnet ${subnet}`;
  if (ip.value === c.network)
    return `${gateway} is the subnet's own network address: use a host address, like ${formatIp({ family: c.family, value: c.network + 1n })}`;
  const broadcast = c.network | ((1n << BigInt(bitsOf(c.family) - c.prefix)) - 1n);
  if (c.family === 4 && ip.value === broadcast) return `${gateway} is the subnet's broadcast address`;
  return null;
}

export const PREDEFINED_NETWORKS = ['bridge', 'host', 'none'] as const;
export const NETWORK_DRIVERS = ['bridge', 'macvlan', 'overlay'] as const;

export const networkName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(128, 'Name must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Name may use letters, digits, ".", "_" and "-", and must start with a letter or digit');

/** A network id (or a unique prefix) or name. */
export const NetworkRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'Network id must be a network id or name');

/** POST /api/v1/hosts/{id}/networks */
export const NetworkCreateSchema = z
  .object({
    name: networkName.refine((v) => !(PREDEFINED_NETWORKS as readonly string[]).includes(v), {
      message: "bridge, host and none are the Engine's predefined networks: choose another name",
    }),
    driver: z.enum(NETWORK_DRIVERS, { message: `Driver must be one of ${NETWORK_DRIVERS.join(', ')}` }).default('bridge'),
    subnet: z.string().trim().max(64).optional().describe('CIDR, e.g. 172.28.0.0/16; left out: the Engine picks one'),
    gateway: z.string().trim().max(64).optional().describe('an address inside the subnet, e.g. 172.28.0.1'),
    /** macvlan only: the host interface the network hangs off */
    parent: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,14}$/, 'Parent interface must be an interface name like eth0 or eth0.10')
      .optional(),
    internal: z.boolean().default(false),
    attachable: z.boolean().default(false),
    labels: stringMap('Label').default({}),
  })
  .strict()
  .superRefine((v, ctx) => {
    const problem = v.subnet ? subnetProblem(v.subnet) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['subnet'], message: problem });
    if (v.gateway) {
      if (!v.subnet) ctx.addIssue({ code: 'custom', path: ['gateway'], message: 'A gateway needs a subnet: give the subnet too' });
      else if (!problem) {
        const g = gatewayProblem(v.gateway, v.subnet);
        if (g) ctx.addIssue({ code: 'custom', path: ['gateway'], message: g });
      }
    }
    if (v.parent && v.driver !== 'macvlan') ctx.addIssue({ code: 'custom', path: ['parent'], message: 'A parent interface applies to macvlan networks only' });
  });
export type NetworkCreateInput = z.input<typeof NetworkCreateSchema>;
export type NetworkCreate = z.output<typeof NetworkCreateSchema>;

const alias = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'An alias is a host name: letters, digits, "_", "." and "-", up to 63 characters');

/** POST /api/v1/hosts/{id}/networks/{nid}/connect */
export const NetworkConnectSchema = z
  .object({
    container: ContainerRef,
    aliases: z.array(alias).max(20, 'At most 20 aliases').default([]).describe('other names the container answers to on this network'),
  })
  .strict();
export type NetworkConnectInput = z.input<typeof NetworkConnectSchema>;
export type NetworkConnect = z.output<typeof NetworkConnectSchema>;

/** POST /api/v1/hosts/{id}/networks/{nid}/disconnect */
export const NetworkDisconnectSchema = z.object({ container: ContainerRef, force: z.boolean().default(false) }).strict();
export type NetworkDisconnect = z.output<typeof NetworkDisconnectSchema>;
