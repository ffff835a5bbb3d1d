import { parseRef } from '@/lib/schemas/pull';
import type { Berth } from '../berth';
import { distributionProblem } from '../docker/registry-calls';
import { registryCause } from '../registries/errors';
import { storedAuthFor } from '../registries/service';

/**
 * Whether the host can pull `ref`, asked without pulling: the Engine's /distribution endpoint fetches the image's
 * manifest descriptor from the registry the way a pull would (from the host, with the stored credentials). Null when
 * it can; otherwise one short sentence with the cause first, for a plan's warnings.
 */
export async function pullProblem(b: Berth, hostId: string, ref: string, timeoutMs = 8000): Promise<string | null> {
  const rt = b.fleet.reachable(hostId);
  const { registry } = parseRef(ref);
  const auth = await storedAuthFor(b, registry);
  const raw = await distributionProblem(rt.engine, ref, auth, timeoutMs);
  return raw === null ? null : `${registryCause(raw)}: ${ref} cannot be pulled from ${registry} by host ${rt.record.name}`;
}
