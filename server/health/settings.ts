import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { Berth } from '../berth';
import { invalid } from '../errors';
import { folderFiles } from '../stacks/folder-files';
import { getStackRecord, updateStackFiles } from '../stacks/repo';
import { modelOfAsync } from '../stacks/service';
import { BerthHealthSchema, HEALTH_KEY } from '@/lib/schemas/health';

export const HealthSettingsSchema = z
  .object({
    service: z.string().min(1, 'Service is required'),
    check: BerthHealthSchema.nullable().describe('the x-berth-healthcheck of the service; null removes it'),
  })
  .strict();
export type HealthSettings = z.output<typeof HealthSettingsSchema>;

/**
 * Writes a service's `x-berth-healthcheck` into the stored compose file (comments and the rest of the file kept).
 * The checker reads stored files, so the new check applies within seconds and no redeploy is needed: the key is
 * left out of the config hash, so changing it never recreates a container.
 */
export async function saveHealthSettings(b: Berth, hostId: string, name: string, input: HealthSettings): Promise<void> {
  const stack = await getStackRecord(b.db, b.box, hostId, name);
  const model = await modelOfAsync(b, stack.compose, stack.env, name, await folderFiles(b, stack.id));
  if (!model.services[input.service]) throw invalid(`Stack ${name} has no service ${input.service} (it has: ${Object.keys(model.services).join(', ')})`);
  const doc = parseDocument(stack.compose);
  const path = model.legacy ? [input.service, HEALTH_KEY] : ['services', input.service, HEALTH_KEY];
  if (input.check) doc.setIn(path, doc.createNode(input.check));
  else doc.deleteIn(path);
  const compose = doc.toString();
  await modelOfAsync(b, compose, stack.env, name, await folderFiles(b, stack.id));
  await updateStackFiles(b.db, b.box, stack.id, compose, stack.env);
}

/** Each service's check as stored (null: none), for the settings form. */
export async function healthSettingsOf(b: Berth, hostId: string, name: string) {
  const stack = await getStackRecord(b.db, b.box, hostId, name);
  const model = await modelOfAsync(b, stack.compose, stack.env, name, await folderFiles(b, stack.id));
  return Object.fromEntries(Object.values(model.services).map((s) => [s.name, s.berthHealth ?? null]));
}
