/**
 * One small error hierarchy for the domain. Route handlers map it to HTTP in one place (server/http/respond.ts).
 * `kind` is a plain string rather than relying on `instanceof`, because the custom server and Next's bundle each load
 * their own copy of this module and an error can cross between them.
 */
export type ErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'unreachable' | 'engine' | 'rate_limited';

export class BerthError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'BerthError';
  }
}

export const invalid = (msg: string, details?: unknown) => new BerthError('invalid', msg, details);
export const notFound = (msg: string) => new BerthError('not_found', msg);
export const conflict = (msg: string) => new BerthError('conflict', msg);
export const forbidden = (msg: string) => new BerthError('forbidden', msg);
export const unreachable = (msg: string) => new BerthError('unreachable', msg);

export function isBerthError(e: unknown): e is BerthError {
  return typeof e === 'object' && e !== null && (e as { name?: string }).name === 'BerthError' && 'kind' in e;
}

export const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unreachable: 502,
  /** the Engine answered with a server error; its message is passed on */
  engine: 500,
};
