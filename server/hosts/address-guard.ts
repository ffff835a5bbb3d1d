import dns from 'node:dns/promises';
import net from 'node:net';
import { invalid, unreachable } from '../errors';

/**
 * Link-local addresses are where clouds serve instance metadata (169.254.169.254, fd00:ec2::254), often with the
 * machine's credentials. Registering a TCP or SSH host makes Berth connect wherever an admin points it, and errors
 * say what answered, so such addresses are refused unless BERTH_ALLOW_LINK_LOCAL_HOSTS says otherwise.
 */
export function isLinkLocal(address: string): boolean {
  const a = address
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  if (net.isIPv4(a)) return a.startsWith('169.254.');
  if (!net.isIPv6(a)) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return isLinkLocal(mapped[1]);
  const words = expandIPv6(a);
  // fe80::/10: the first ten bits are 1111111010
  if ((words[0] & 0xffc0) === 0xfe80) return true;
  // AWS's IPv6 metadata endpoint, fd00:ec2::254 (in the unique-local range, so named exactly)
  const ec2 = expandIPv6('fd00:ec2::254');
  return words.every((w, i) => w === ec2[i]);
}

/** The eight 16-bit words of an IPv6 address, with "::" and a dotted IPv4 tail expanded. */
function expandIPv6(a: string): number[] {
  let text = a;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [p, q, r, s] = v4[1].split('.').map(Number);
    text = text.slice(0, -v4[1].length) + `${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((w) => parseInt(w, 16));
}

export type Lookup = (name: string) => Promise<string[]>;

const systemLookup: Lookup = async (name) => (await dns.lookup(name, { all: true, verbatim: true })).map((r) => r.address);

/**
 * Refuses a host whose address is, or whose name resolves to, a link-local address. A name that does not resolve is
 * let through: connecting will then fail with its own "cannot resolve" message.
 */
export async function checkHostAddress(host: string, allowLinkLocal: boolean, lookup: Lookup = systemLookup): Promise<void> {
  if (allowLinkLocal) return;
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(bare)) addresses = [bare];
  else {
    try {
      addresses = await lookup(bare);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') throw unreachable(`Cannot resolve ${host}: check the host name`);
      throw e;
    }
  }
  const bad = addresses.find(isLinkLocal);
  if (bad) {
    const which = bad === bare ? host : `${host} (${bad})`;
    throw invalid(
      `${which} is a link-local address, where clouds serve instance metadata; Berth does not connect there. Use the host's own address, or set BERTH_ALLOW_LINK_LOCAL_HOSTS=1 if you really mean it`,
    );
  }
}
