import type { ApiResponse, ApiRoute, PathParams } from './api-contract';
import type { ContainerAction, ContainerActionBody } from './schemas/containers';
import type { HostCreate, HostUpdate } from './schemas/hosts';

export interface ApiIssue {
  path: string;
  message: string;
}

/** An error answered by the Berth API, carrying its message and, for invalid input, the issue per field. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly kind: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { kind?: string; message?: string; details?: { issues?: ApiIssue[] } };
}

/**
 * JSON over fetch for every page, failing with the server's own message and, for invalid input, the issue per field.
 * A FormData body (an upload) is sent as multipart; its answer and errors are read the same way.
 */
async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  const form = body instanceof FormData;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined || form ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(`Could not reach the Berth server: ${(e as Error).message}`, 0, 'network');
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      // A proxy error page or a crash before the handler ran: fall through with the status line only.
    }
  }
  if (!res.ok) {
    const err = (json as ErrorBody | undefined)?.error;
    const issues = Array.isArray(err?.details?.issues) ? err.details.issues : [];
    throw new ApiError(err?.message ?? `${method} ${url} failed: HTTP ${res.status} ${res.statusText}`, res.status, err?.kind ?? 'http', issues);
  }
  return json as T;
}

/** Query parameters: undefined, false and '' are left out, so optional filters and flags can be passed as they are. */
export type Query = Record<string, string | number | boolean | undefined>;

/** A route's {param}s (required, when it has any), and any other query parameters; then the JSON body, if any. */
export type CallArgs<R extends ApiRoute> = [PathParams<R>] extends [never]
  ? [params?: Query, body?: unknown]
  : [params: Record<PathParams<R>, string> & Query, body?: unknown];

/** The URL of a route in the contract: its {param}s filled in (encoded), the other parameters as the query string. */
export function urlOf(route: ApiRoute, params: Query = {}): string {
  const used = new Set<string>();
  const path = route.slice(route.indexOf(' ') + 1).replace(/\{(\w+)\}/g, (_, k: string) => {
    used.add(k);
    return encodeURIComponent(String(params[k]));
  });
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (!used.has(k) && v !== undefined && v !== false && v !== '') query.set(k, String(v));
  return query.size ? `${path}?${query}` : path;
}

/**
 * The one way pages call the API: `call('GET /api/v1/hosts/{id}/images', { id })` answers with the type the contract
 * (lib/api-contract.ts) gives that route, which its handler is checked against too.
 */
export function call<R extends ApiRoute>(route: R, ...[params, body]: CallArgs<R>): Promise<ApiResponse<R>> {
  return request<ApiResponse<R>>(route.slice(0, route.indexOf(' ')), urlOf(route, params), body);
}

export const api = {
  listContainers: () => call('GET /api/v1/containers'),
  getContainer: (id: string, cid: string) => call('GET /api/v1/hosts/{id}/containers/{cid}', { id, cid }).then((r) => r.container),
  containerAction: (id: string, cid: string, action: ContainerAction, body: ContainerActionBody = {}) =>
    call('POST /api/v1/hosts/{id}/containers/{cid}/{action}', { id, cid, action }, body),

  listHosts: () => call('GET /api/v1/hosts').then((r) => r.hosts),
  createHost: (input: HostCreate) => call('POST /api/v1/hosts', {}, input).then((r) => r.host),
  updateHost: (id: string, patch: HostUpdate) => call('PATCH /api/v1/hosts/{id}', { id }, patch).then((r) => r.host),
  removeHost: (id: string) => call('DELETE /api/v1/hosts/{id}', { id }),
  sshFingerprint: (host: string, port: number) => call('POST /api/v1/hosts/ssh-fingerprint', {}, { host, port }),
};
