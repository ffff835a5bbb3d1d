import { invalid, unreachable } from '../../errors';
import type { SourceSettings } from './settings';

type Limits = Pick<SourceSettings, 'allowInsecure' | 'maxBytes' | 'timeoutMs'>;

/**
 * Downloads a catalog file over http(s) with a time limit and a size limit (read as a stream, so a huge answer stops
 * at the limit instead of filling memory). A redirect may not leave https for http unless the settings allow http.
 */
export async function fetchCatalogText(url: URL, limits: Limits): Promise<string> {
  return (await fetchLimited(url, limits, 'application/json, application/yaml, text/yaml, text/plain, */*')).body.toString('utf8');
}

/** The same download as bytes with the type the server gave them (an imported catalog's logo, server/catalog/logo.ts). */
export async function fetchLimited(url: URL, limits: Limits, accept: string): Promise<{ body: Buffer; type: string }> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(limits.timeoutMs), headers: { accept } });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${limits.timeoutMs / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw unreachable(`Could not fetch ${url.href}: ${why}; check the address, and that the Berth server reaches it`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw unreachable(`${url.href} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}; check the address of the catalog file`);
  }
  if (res.url.startsWith('http:') && !limits.allowInsecure) {
    await res.body?.cancel().catch(() => undefined);
    throw invalid(`${url.href} redirects to ${res.url}, which is plain http; give an https:// address that stays on https`);
  }
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const reader = res.body?.getReader();
  if (!reader) return { body: Buffer.alloc(0), type };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limits.maxBytes) {
      await reader.cancel().catch(() => undefined);
      const most =
        limits.maxBytes >= 1024 * 1024 ? `${Math.round(limits.maxBytes / 1024 / 1024)} MiB (BERTH_CATALOG_SOURCE_MAX_MB)` : `${limits.maxBytes / 1024} KiB`;
      throw invalid(`${url.href} is larger than ${most}; point the source at a smaller file`);
    }
    chunks.push(value);
  }
  return { body: Buffer.concat(chunks), type };
}
