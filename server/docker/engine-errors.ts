import { BerthError } from '../errors';

interface DockerodeError extends Error {
  statusCode?: number;
  json?: { message?: string } | null;
  code?: string;
  reason?: string;
}

/**
 * Turns what dockerode throws into a BerthError that says what failed and what to do. Engine replies carry their own
 * message (which we pass on, it is usually precise); transport failures only carry an errno or an OpenSSL code, so we
 * translate the common ones into advice.
 */
export function engineError(err: unknown, target: string): BerthError {
  const e = err as DockerodeError;
  if (e && typeof e === 'object' && (e as { name?: string }).name === 'BerthError') return e as unknown as BerthError;
  if (e?.statusCode) {
    const msg = engineMessage(e);
    switch (e.statusCode) {
      case 304:
        return new BerthError('conflict', 'Nothing to do: the container is already in that state');
      case 400:
        return new BerthError('invalid', msg);
      case 404:
        return new BerthError('not_found', msg);
      case 409:
        return new BerthError('conflict', msg);
      default:
        return new BerthError('engine', `Docker on ${target} refused: ${msg}`);
    }
  }
  return new BerthError('unreachable', describeTransportError(e, target));
}

/**
 * Something answered HTTP at the host's address but is not a Docker Engine. Only the status is named: the body is a
 * stranger's and is not repeated (it could be anything, from an error page to a cloud metadata document).
 */
export function notDockerError(target: string, status: number, why?: string): BerthError {
  return new BerthError('unreachable', `${target} answered, but not as a Docker Engine (HTTP ${status}${why ? `; ${why}` : ''}): check the address and port`);
}

function engineMessage(e: DockerodeError): string {
  const fromJson = e.json && typeof e.json === 'object' ? e.json.message : undefined;
  const raw = fromJson || e.reason || e.message || 'unknown error';
  return String(raw)
    .replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, '')
    .trim();
}

export function describeTransportError(e: DockerodeError | undefined, target: string): string {
  const code = e?.code ?? '';
  const message = e?.message ?? String(e);
  if (code === 'ENOENT') return `No Docker socket at ${target}: check the path and that Docker is running there`;
  if (code === 'EACCES') return `Permission denied on ${target}: Berth's user needs access to the socket (e.g. the docker group)`;
  if (code === 'ECONNREFUSED') return `Connection refused by ${target}: is Docker (or SSH) listening on that address and port?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Cannot resolve ${target}: check the host name`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `No route to ${target}: check the address and the network`;
  if (code === 'ETIMEDOUT' || code === 'ABORT_ERR' || /abort|timed? ?out/i.test(message))
    return `${target} did not answer in time: check that it is up and that no firewall drops the traffic`;
  if (/CERT_HAS_EXPIRED|certificate has expired/i.test(code + message))
    return `The TLS certificate of ${target} has expired: renew the daemon's server certificate`;
  if (/ALERT_CERTIFICATE_EXPIRED|certificate expired/i.test(code + message))
    return `${target} rejected the client certificate because it has expired: issue a new client certificate`;
  if (/UNABLE_TO_VERIFY|SELF_SIGNED|UNABLE_TO_GET_ISSUER|unknown ca|certificate verify failed/i.test(code + message) && !/ALERT/.test(code))
    return `${target}'s server certificate is not signed by the CA certificate you gave: paste the CA that signed the daemon's certificate`;
  if (/ALERT_UNKNOWN_CA|ALERT_BAD_CERTIFICATE|ALERT_CERTIFICATE_UNKNOWN|ALERT_HANDSHAKE_FAILURE|tlsv13 alert certificate required/i.test(code + message))
    return `${target} rejected the client certificate: use a client certificate signed by the CA the daemon trusts (--tlscacert)`;
  if (/ERR_TLS_CERT_ALTNAME_INVALID|altnames/i.test(code + message))
    return `${target}'s server certificate is not issued for that address: connect with a name or IP listed in the certificate`;
  if (/KEY_VALUES_MISMATCH|key values mismatch/i.test(code + message))
    return `The client key does not belong to the client certificate: paste the key that was made with that certificate`;
  if (code === 'EPROTO' || code === 'ECONNRESET')
    return `${target} closed the connection during the handshake (${message}): check that it speaks TLS and trusts the client certificate`;
  return `Cannot reach Docker at ${target}: ${message}`;
}
