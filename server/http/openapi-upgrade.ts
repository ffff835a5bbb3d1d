import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { StackUpgradeEndSchema, StackUpgradeSchema } from '@/lib/schemas/stacks-upgrade';
import { HealthSettingsSchema } from '../health/settings';

/** Stacks: external health checks and Rancher-style two-phase rolling upgrades (issue #5, points 6 and 7). */
export function registerUpgrade(r: OpenAPIRegistry): void {
  const sn = z.object({ id: z.string().describe('Host id'), name: z.string().describe('Stack (compose project) name') });
  const Error = z.object({ error: z.object({ kind: z.string(), message: z.string(), details: z.unknown().optional() }) });
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const errors = {
    400: err('Invalid input: no such service, a bad image or file, start-first with a fixed host port'),
    403: err('The access policy refuses the new container settings'),
    404: err('No such host or stack'),
    409: err(
      'Another operation holds the stack, an upgrade already waits for Finish/Rollback (or none does), or a new container failed its health check (the upgrade was undone)',
    ),
    502: err('The Docker host could not be reached'),
  };
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const base = '/api/v1/hosts/{id}/stacks/{name}';
  const op = (d: string) => ({
    200: json(`${d}: { operation } when finished (wait: true)`),
    202: json('{ operation } still running; follow it at …/operations/{opId}'),
    ...errors,
  });
  r.registerPath({
    method: 'get',
    path: `${base}/upgrade`,
    summary: 'The upgrade waiting for Finish or Rollback: { pending, service, old: [{ name, originalName }] }',
    request: { params: sn },
    responses: { 200: json('{ pending, service, old }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: `${base}/upgrade`,
    summary:
      'Start a rolling upgrade of one service to a new image or file: batches, interval, start-first or stop-first; each batch must pass its health check; old containers are kept stopped',
    request: { params: sn, body: body(StackUpgradeSchema) },
    responses: op('Upgraded, waiting for Finish or Rollback'),
  });
  r.registerPath({
    method: 'post',
    path: `${base}/upgrade/finish`,
    summary: 'Finish the upgrade: remove the old containers; the new file becomes a version',
    request: { params: sn, body: body(StackUpgradeEndSchema) },
    responses: op('Finished'),
  });
  r.registerPath({
    method: 'post',
    path: `${base}/upgrade/rollback`,
    summary: 'Roll the upgrade back: remove the new containers, start the old ones, restore the file',
    request: { params: sn, body: body(StackUpgradeEndSchema) },
    responses: op('Rolled back'),
  });
  r.registerPath({
    method: 'get',
    path: `${base}/health`,
    summary:
      "External health per checked container (initializing, healthy, unhealthy), each service's x-berth-healthcheck, and how the host's probes run (the health agent, or helper containers and why)",
    request: { params: sn },
    responses: { 200: json('{ containers: ContainerHealth[], settings, probes: { mode: agent|helper, reason } }'), ...errors },
  });
  r.registerPath({
    method: 'put',
    path: `${base}/health`,
    summary: "Set or remove a service's external health check (written to the stored file as x-berth-healthcheck; no redeploy needed)",
    request: { params: sn, body: body(HealthSettingsSchema) },
    responses: { 200: json('{ ok, settings }'), ...errors },
  });
}
