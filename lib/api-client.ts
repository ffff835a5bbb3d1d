import type { ContainerAction, ContainerActionBody } from './schemas/containers';
import type { HostCreate, HostUpdate } from './schemas/hosts';
import type { ContainerDetail, ContainerListResponse, HostView } from './types';

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

/** JSON over fetch for every page, failing with the server's own message and, for invalid input, the issue per field. */
export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
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

const enc = encodeURIComponent;

export const api = {
  listContainers: () => request<ContainerListResponse>('GET', '/api/v1/containers'),
  getContainer: (hostId: string, cid: string) =>
    request<{ container: ContainerDetail }>('GET', `/api/v1/hosts/${enc(hostId)}/containers/${enc(cid)}`).then((r) => r.container),
  containerAction: (hostId: string, cid: string, action: ContainerAction, body: ContainerActionBody = {}) =>
    request<{ ok: true; message: string }>('POST', `/api/v1/hosts/${enc(hostId)}/containers/${enc(cid)}/${action}`, body),

  listHosts: () => request<{ hosts: HostView[] }>('GET', '/api/v1/hosts').then((r) => r.hosts),
  createHost: (input: HostCreate) => request<{ host: HostView }>('POST', '/api/v1/hosts', input).then((r) => r.host),
  updateHost: (id: string, patch: HostUpdate) =>
    request<{ host: HostView }>('PATCH', `/api/v1/hosts/${enc(id)}`, patch).then((r) => r.host),
  removeHost: (id: string) => request<{ ok: true }>('DELETE', `/api/v1/hosts/${enc(id)}`),
  sshFingerprint: (host: string, port: number) =>
    request<{ fingerprint: string }>('POST', '/api/v1/hosts/ssh-fingerprint', { host, port }),
};
