import { parseRef } from '@/lib/schemas/pull';
import type { Berth } from '../berth';
import { withTimeout } from '../docker/connect';
import { registryCause } from '../registries/errors';
import { storedAuthFor } from '../registries/service';
import { reachableRuntime } from './service';

/**
 * Whether the host can pull `ref`, asked without pulling: the Engine's /distribution endpoint fetches the image's
 * manifest descriptor from the registry the way a pull would (from the host, with the stored credentials). Null when
 * it can; otherwise one short sentence with the cause first, for a plan's warnings.
 */
export async function pullProblem(b: Berth, hostId: string, ref: string, timeoutMs = 8000): Promise<string | null> {
  const rt = reachableRuntime(b, hostId);
  const { registry } = parseRef(ref);
  const auth = await storedAuthFor(b, registry);
  try {
    await withTimeout(timeoutMs, () => rt.engine.docker.getImage(ref).distribution(auth ? { authconfig: auth } : {}));
    return null;
  } catch (e) {
    const err = e as { statusCode?: number; json?: { message?: string }; message?: string; code?: string };
    const raw = err.code === 'ETIMEDOUT' ? 'timed out' : (err.json?.message ?? err.message ?? String(e));
    return `${registryCause(raw)}: ${ref} cannot be pulled from ${registry} by host ${rt.record.name}`;
  }
}
