import { describe, expect, it } from 'vitest';
import { engineError } from './engine-errors';

const target = 'tcp://10.0.0.5:2376';

describe('engineError', () => {
  it('passes the Engine message on with the status it implies', () => {
    const e = engineError(Object.assign(new Error('x'), { statusCode: 409, json: { message: 'Container abc is not running' } }), target);
    expect(e.kind).toBe('conflict');
    expect(e.message).toBe('Container abc is not running');
    expect(engineError(Object.assign(new Error('x'), { statusCode: 404, json: { message: 'No such container: z' } }), target).kind).toBe('not_found');
  });

  it('explains transport failures', () => {
    expect(engineError(Object.assign(new Error('connect ENOENT /x.sock'), { code: 'ENOENT' }), 'unix:///x.sock').message).toMatch(
      /No Docker socket at unix:\/\/\/x\.sock/,
    );
    expect(engineError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), target).message).toMatch(
      /Connection refused by tcp:\/\/10\.0\.0\.5:2376/,
    );
    expect(
      engineError(Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), target).message,
    ).toMatch(/not signed by the CA certificate you gave/);
    expect(engineError(Object.assign(new Error('tlsv1 alert unknown ca'), { code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA' }), target).message).toMatch(
      /rejected the client certificate/,
    );
    expect(engineError(Object.assign(new Error('timed out after 2000 ms'), { code: 'ETIMEDOUT' }), target).kind).toBe('unreachable');
  });
});
