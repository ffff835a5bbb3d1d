import { parseDocument } from 'yaml';
import type { OperationView } from '@/lib/compose-types';
import type { StackScale } from '@/lib/schemas/stacks';
import type { Principal } from '../auth/policy';
import type { Berth } from '../berth';
import type { ComposeModel } from '../compose/model';
import { fixedPorts } from '../compose/preflight';
import { invalid } from '../errors';
import { folderFiles } from './folder-files';
import { getStackRecord } from './repo';
import { deployStack, modelOfAsync } from './service';

/**
 * Scales one service: the stored file's replica count is rewritten (deploy.replicas, or scale:) and only that service
 * gains or loses numbered replicas; the others are not touched. A service with a fixed host port stays at 1.
 */
export async function scaleService(b: Berth, principal: Principal, hostId: string, name: string, input: StackScale): Promise<OperationView> {
  const stack = await getStackRecord(b.db, b.box, hostId, name);
  const model = await modelOfAsync(b, stack.compose, stack.env, name, await folderFiles(b, stack.id));
  if (!model.services[input.service]) throw invalid(`Stack ${name} has no service ${input.service} (it has: ${Object.keys(model.services).join(', ')})`);
  const fixed = fixedPorts(model, input.service);
  if (input.replicas > 1 && fixed.length) {
    throw invalid(
      `${input.service} publishes host port ${fixed.join(', ')}, so it cannot scale past 1 replica (every replica would need that port); remove the host port from the file to scale it`,
    );
  }
  const own = model.services[input.service].containerName;
  if (input.replicas > 1 && own) {
    throw invalid(
      `${input.service} sets container_name "${own}", so it cannot scale past 1 replica (container names are unique on a host); remove container_name from the file to scale it`,
    );
  }
  const compose = setReplicas(stack.compose, model, input.service, input.replicas);
  return deployStack(b, principal, hostId, name, { compose, env: stack.env, wait: input.wait }, 'scale', { onlyService: input.service });
}

/** Rewrites one service's replica count in the YAML text, keeping the rest of the file (comments included) as it is. */
export function setReplicas(compose: string, model: ComposeModel, service: string, replicas: number): string {
  // the count the file already gives (written or the default of 1): the user's file stays exactly as they wrote it
  if (model.services[service]?.replicas === replicas) return compose;
  // modelOf has found no duplicate keys already; the library's own check is quadratic in a mapping's size
  const doc = parseDocument(compose, { uniqueKeys: false });
  const base = model.legacy ? [service] : ['services', service];
  if (doc.hasIn([...base, 'scale']) && !doc.hasIn([...base, 'deploy', 'replicas'])) doc.setIn([...base, 'scale'], replicas);
  else doc.setIn([...base, 'deploy', 'replicas'], replicas);
  return doc.toString();
}
