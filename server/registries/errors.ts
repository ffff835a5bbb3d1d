import { BerthError } from '../errors';

const UNAUTHORIZED =
  /unauthori[sz]ed|authentication required|no basic auth credentials|incorrect username or password|denied: requested access|access to the resource is denied|401/i;
const NOT_FOUND = /manifest unknown|not found|name unknown|does not exist|repository name not known/i;
const UNREACHABLE =
  /dial tcp|connection refused|no such host|i\/o timeout|time(?:d)? ?out|network is unreachable|server gave HTTP response to HTTPS client|connection reset|EOF|TLS handshake|x509/i;

export interface RegistryErrorContext {
  /** host[:port] of the registry */
  registry: string;
  /** the image reference, for pulls */
  ref?: string;
  /** the Docker host that talked to the registry */
  hostName: string;
  /** where the credentials came from: none, the stored registry entry, or the request */
  credentials: 'none' | 'stored' | 'given';
}

/**
 * Turns what the Engine says about a registry into a message that names the registry and what to do. The Engine's
 * own text stays at the end, because its details (the URL it tried, the status) are what an operator searches for.
 */
export function registryError(engineMessage: string, c: RegistryErrorContext): BerthError {
  const e = describeRegistryError(engineMessage.trim(), c);
  // the short cause rides along for lists that name each image once (a deploy's failed pulls)
  return new BerthError(e.kind, e.message, { cause: registryCause(engineMessage) });
}

function describeRegistryError(raw: string, c: RegistryErrorContext): BerthError {
  const what = c.ref ? `Image ${c.ref}` : 'The image';
  if (UNAUTHORIZED.test(raw)) {
    const msg =
      c.credentials === 'none'
        ? `Registry ${c.registry} refused access without credentials: add it with a user name and password in Settings → Registries, or give credentials for this pull (the Engine said: ${raw})`
        : `Registry ${c.registry} refused the ${c.credentials === 'stored' ? 'stored' : 'given'} credentials: check the credentials of registry ${c.registry} (the Engine said: ${raw})`;
    return new BerthError('invalid', msg);
  }
  if (UNREACHABLE.test(raw)) {
    return new BerthError(
      'unreachable',
      `Registry ${c.registry} cannot be reached from host ${c.hostName}: check the address and that the host can reach it; a registry without TLS must be in the daemon's insecure-registries (the Engine said: ${raw})`,
    );
  }
  if (c.ref && NOT_FOUND.test(raw)) {
    return new BerthError('not_found', `${what} was not found on registry ${c.registry}: check the repository name and tag (the Engine said: ${raw})`);
  }
  return new BerthError('engine', `${c.ref ? `Pulling ${c.ref}` : `Logging in to ${c.registry}`} failed on host ${c.hostName}: ${raw}`);
}

/**
 * The cause of a registry failure in a few words, for lists where the same image must not be explained at length
 * (a plan's warnings, a deploy's failed pulls): DNS failure, refused, timed out, credentials, not found, TLS.
 */
export function registryCause(engineMessage: string): string {
  const raw = engineMessage.trim();
  if (/no such host|server misbehaving|Temporary failure in name resolution|lookup .* on /i.test(raw)) return 'DNS: the registry name does not resolve';
  if (/connection refused/i.test(raw)) return 'connection refused';
  if (/i\/o timeout|time(?:d)? ?out|deadline exceeded/i.test(raw)) return 'timed out';
  if (/network is unreachable/i.test(raw)) return 'network unreachable';
  if (UNAUTHORIZED.test(raw)) return 'credentials refused or missing';
  if (/server gave HTTP response to HTTPS client|x509|TLS handshake|certificate/i.test(raw))
    return "TLS: not in the daemon's insecure-registries, or a certificate problem";
  if (NOT_FOUND.test(raw)) return 'image not found';
  return raw.length > 120 ? `${raw.slice(0, 117)}...` : raw;
}
