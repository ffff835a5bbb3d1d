import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  StackActionBodySchema,
  StackActionSchema,
  StackCreateSchema,
  StackDeploySchema,
  StackRollbackSchema,
  StackScaleSchema,
  StackUpdateSchema,
  StackValidateSchema,
} from '@/lib/schemas/stacks';

/** Stacks: compose projects on one host (issue #5). */
export function registerStacks(r: OpenAPIRegistry): void {
  const id = z.object({ id: z.string().describe('Host id') });
  const sn = id.extend({ name: z.string().describe('Stack (compose project) name') });
  const Error = z.object({
    error: z.object({ kind: z.string(), message: z.string().describe('What failed and what to do about it'), details: z.unknown().optional() }),
  });
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const errors = {
    400: err('Invalid input or compose file; details.issues lists each problem with line and column'),
    403: err('The access policy refuses a setting in the file (privileged, capabilities, host paths…)'),
    404: err('No such host, stack, version or operation'),
    409: err(
      'Another operation holds the stack (named), a host port is in use (the holder is named), an image is missing, or the deploy failed and was undone',
    ),
    502: err('The Docker host could not be reached'),
  };
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const base = '/api/v1/hosts/{id}/stacks';
  const op = (description: string) => ({
    200: json(`${description}: { operation: OperationView } when finished (wait: true)`),
    202: json('{ operation } still running; follow it at …/operations/{opId}'),
    ...errors,
  });
  r.registerPath({
    method: 'get',
    path: base,
    summary: "The host's stacks: Berth's, and compose projects found by label (source: external)",
    request: { params: id },
    responses: { 200: json('{ stacks: StackSummary[] }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: base,
    summary: 'Save a stack (validated), and deploy it with deploy: true',
    request: { params: id, body: body(StackCreateSchema) },
    responses: { 201: json('{ stack, operation? }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: `${base}/validate`,
    summary: 'Validate a compose file and .env without saving',
    request: { params: id, body: body(StackValidateSchema) },
    responses: { 200: json('{ ok, issues: ComposeIssue[], services }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: `${base}/{name}`,
    summary: 'One stack: file, state per service and replica, recent operations',
    request: { params: sn },
    responses: { 200: json('{ stack: StackDetail }'), ...errors },
  });
  r.registerPath({
    method: 'put',
    path: `${base}/{name}`,
    summary: 'Save an edited file and .env (applied by the next deploy)',
    request: { params: sn, body: body(StackUpdateSchema) },
    responses: { 200: json('{ stack: StackDetail }'), ...errors },
  });
  r.registerPath({
    method: 'delete',
    path: `${base}/{name}`,
    summary: 'Forget the stack in Berth (refused while it has containers)',
    request: { params: sn },
    responses: { 200: json('{ ok, message }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: `${base}/{name}/env`,
    summary: "The stack's .env (operators only: it may hold secrets)",
    request: { params: sn },
    responses: { 200: json('{ env }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: `${base}/{name}/plan`,
    summary: 'What a deploy would create, recreate (with reasons), remove or keep',
    request: { params: sn, body: body(StackDeploySchema) },
    responses: { 200: json('{ plan: StackPlan }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: `${base}/{name}/deploy`,
    summary: 'Deploy: lock, preflight, apply in depends_on order; a failure is undone',
    request: { params: sn, body: body(StackDeploySchema) },
    responses: op('Deployed'),
  });
  r.registerPath({
    method: 'get',
    path: `${base}/{name}/operations/{opId}`,
    summary: 'One operation with per-service progress and its log; with Accept: text/event-stream, every step as server-sent events until it ends',
    request: { params: sn.extend({ opId: z.string() }) },
    responses: {
      200: {
        description: '{ operation: OperationView }, or text/event-stream of OperationView',
        content: { 'application/json': { schema: z.object({}).passthrough() }, 'text/event-stream': { schema: z.string() } },
      },
      ...errors,
    },
  });
  r.registerPath({
    method: 'get',
    path: `${base}/{name}/versions`,
    summary: 'Deployed versions, newest first',
    request: { params: sn },
    responses: { 200: json('{ versions: StackVersionView[] }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: `${base}/{name}/rollback`,
    summary: 'Deploy a previous version again',
    request: { params: sn, body: body(StackRollbackSchema) },
    responses: op('Rolled back'),
  });
  r.registerPath({
    method: 'post',
    path: `${base}/{name}/scale`,
    summary: 'Set the replica count of one service (numbered replicas); a fixed host port caps it at 1',
    request: { params: sn, body: body(StackScaleSchema) },
    responses: op('Scaled'),
  });
  r.registerPath({
    method: 'post',
    path: `${base}/{name}/{action}`,
    summary: 'stop, start, restart, or down (removeVolumes: true also removes its volumes)',
    request: { params: sn.extend({ action: StackActionSchema }), body: body(StackActionBodySchema) },
    responses: { 200: json('{ operation }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: `${base}/{name}/export`,
    summary: 'The stack as compose YAML, replica counts as they run',
    request: { params: sn },
    responses: { 200: { description: 'application/yaml attachment' }, ...errors },
  });
  r.registerPath({
    method: 'post',
    path: `${base}/{name}/adopt`,
    summary: 'Take an external compose project into Berth (from its files when readable, else rebuilt from its containers)',
    request: { params: sn },
    responses: { 201: json('{ stack, source, message }'), ...errors },
  });
}
