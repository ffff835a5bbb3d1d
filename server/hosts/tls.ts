import crypto from 'node:crypto';
import { invalid } from '../errors';

/**
 * Checks TLS material before any connection is tried, so that the user hears "the client certificate expired on
 * 3 May" rather than a handshake alert code.
 */
export function checkTlsMaterial(m: { ca: string; cert: string; key: string }, now = new Date()): void {
  const ca = parseCert(m.ca, 'CA certificate');
  const cert = parseCert(m.cert, 'Client certificate');
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(m.key);
  } catch (e) {
    throw invalid(`Client key cannot be read (${(e as Error).message}): paste an unencrypted PEM private key`);
  }
  if (!cert.checkPrivateKey(key)) {
    throw invalid('Client key does not belong to the client certificate: paste the key that was made with that certificate');
  }
  for (const [what, c] of [
    ['Client certificate', cert],
    ['CA certificate', ca],
  ] as const) {
    if (Date.parse(c.validTo) < now.getTime()) {
      throw invalid(`${what} expired on ${new Date(c.validTo).toISOString().slice(0, 10)}: issue a new one`);
    }
    if (Date.parse(c.validFrom) > now.getTime()) {
      throw invalid(`${what} is not valid before ${new Date(c.validFrom).toISOString().slice(0, 10)}: check the clocks, or issue a new one`);
    }
  }
}

function parseCert(pem: string, what: string): crypto.X509Certificate {
  try {
    return new crypto.X509Certificate(pem);
  } catch (e) {
    throw invalid(`${what} cannot be read (${(e as Error).message}): paste the whole PEM block, BEGIN and END lines included`);
  }
}
