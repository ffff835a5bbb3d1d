import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { NodeUpdateSchema, TokenRotateSchema } from '@/lib/schemas/swarm';

/** Swarm environments (issue #14): the environment, join tokens and nodes (server/swarm). */
export function registerSwarm(r: OpenAPIRegistry): void {
  const id = z.object({ id: z.string().describe('Host id: a swarm manager for everything but GET …/swarm') });
  const nid = id.extend({ nid: z.string().describe('Node id (or unique prefix) or hostname') });
  const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
  const errors = {
    404: { description: 'No such host or node' },
    409: { description: 'The host is not a swarm manager (the message says what it is), or the change is refused (last manager, node up)' },
    502: { description: 'The Docker host could not be reached' },
  };
  const Warning = z.object({ kind: z.enum(['even', 'at-risk', 'lost']), message: z.string() });
  const Environment = z.discriminatedUnion('state', [
    z.object({ state: z.literal('none'), message: z.string() }),
    z.object({ state: z.literal('worker'), message: z.string(), nodeId: z.string(), managerAddrs: z.array(z.string()) }),
    z.object({
      state: z.literal('manager'),
      id: z.string(),
      createdAt: z.string(),
      updatedAt: z.string(),
      nodeId: z.string(),
      nodeAddr: z.string(),
      leader: z.object({ id: z.string(), hostname: z.string(), addr: z.string() }).nullable(),
      nodes: z.number(),
      workers: z.number(),
      quorum: z.object({
        managers: z.number(),
        reachable: z.number(),
        needed: z.number().describe('floor(managers/2)+1'),
        tolerates: z.number().describe('managers that may be lost while quorum holds'),
        warnings: z.array(Warning).describe('even: an even count adds no fault tolerance; at-risk: one more loss loses quorum; lost'),
      }),
      ipvs: z
        .object({ present: z.boolean().nullable(), message: z.string(), checkedAt: z.string() })
        .describe("Whether the manager's kernel has IPVS (ingress routing mesh, VIPs), found by a one-shot probe container; null when unknown"),
    }),
  ]);
  const Node = z.object({
    id: z.string(),
    hostname: z.string(),
    role: z.enum(['manager', 'worker']),
    availability: z.enum(['active', 'pause', 'drain']),
    status: z.string().describe('ready, down, unknown, disconnected'),
    message: z.string().nullable(),
    leader: z.boolean(),
    reachability: z.string().nullable().describe('managers only'),
    managerAddr: z.string().nullable(),
    engineVersion: z.string(),
    addr: z.string(),
    nanoCpus: z.number(),
    memoryBytes: z.number(),
    labels: z.record(z.string(), z.string()),
    os: z.string(),
    arch: z.string(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    self: z.boolean().describe('the node this host is'),
  });
  const Join = z.object({ role: z.enum(['worker', 'manager']), token: z.string(), command: z.string().describe('docker swarm join --token … ADDR:2377') });
  const Tokens = z.object({ tokens: z.object({ managerAddrs: z.array(z.string()), worker: Join, manager: Join }) });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm',
    summary: "The host's swarm: not in one, a worker (naming its managers), or a manager with the cluster, leader, quorum and IPVS check",
    request: { params: id },
    responses: { 200: json('The environment', z.object({ swarm: Environment })), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/tokens',
    summary: 'Join tokens and join commands (admins only)',
    request: { params: id },
    responses: { 200: json('The tokens', Tokens), 403: { description: 'Not an admin' }, ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/swarm/tokens',
    summary: 'Rotate the worker or manager join token (admins only); answers with the new tokens',
    request: { params: id, body: body(TokenRotateSchema) },
    responses: { 200: json('The tokens after rotation', Tokens), 403: { description: 'Not an admin' }, ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/nodes',
    summary: "The swarm's nodes, managers first",
    request: { params: id },
    responses: { 200: json('The nodes', z.object({ nodes: z.array(Node) })), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/swarm/nodes/{nid}',
    summary: 'One node',
    request: { params: nid },
    responses: { 200: json('The node', z.object({ node: Node })), ...errors },
  });
  r.registerPath({
    method: 'patch',
    path: '/api/v1/hosts/{id}/swarm/nodes/{nid}',
    summary: 'Set availability, promote/demote, set labels (a merge patch: null removes a key); admins only. The last manager is never demoted.',
    request: { params: nid, body: body(NodeUpdateSchema) },
    responses: {
      200: json('The node after the change', z.object({ ok: z.literal(true), message: z.string(), node: Node })),
      400: { description: 'Bad input' },
      403: { description: 'Not an admin' },
      ...errors,
    },
  });
  r.registerPath({
    method: 'delete',
    path: '/api/v1/hosts/{id}/swarm/nodes/{nid}',
    summary: 'Remove a node that is down (admins only); a node that is up, or the last manager, is refused',
    request: { params: nid },
    responses: { 200: json('Removed', z.object({ ok: z.literal(true), message: z.string() })), 403: { description: 'Not an admin' }, ...errors },
  });
}
