import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type ZodRequestBody } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ContainerActionBodySchema, ContainerActionSchema, ContainerListQuerySchema } from '@/lib/schemas/containers';
import { HostCreateSchema, HostUpdateSchema, SshProbeSchema } from '@/lib/schemas/hosts';
import { ImageListQuerySchema, ImagePruneSchema, ImageRemoveQuerySchema, ImageTagSchema } from '@/lib/schemas/images';
import { NetworkConnectSchema, NetworkCreateSchema, NetworkDisconnectSchema } from '@/lib/schemas/networks';
import { VolumeCreateSchema, VolumePruneSchema } from '@/lib/schemas/volumes';
import { LogsQueryDoc } from '@/lib/schemas/logs';
import { registerAlertChannels } from './openapi-alert-channels';
import { registerAlerts } from './openapi-alerts';
import { registerCatalog } from './openapi-catalog';
import { registerCatalogSources } from './openapi-catalog-sources';
import { registerDiagnosis } from './openapi-diagnosis';
import { registerSwarm } from './openapi-swarm';
import { registerSwarmServiceCreate } from './openapi-swarm-create';
import { registerSwarmSecrets } from './openapi-swarm-secrets';
import { registerSwarmServices } from './openapi-swarm-services';
import { registerSwarmStacks } from './openapi-swarm-stacks';
import { registerHealth } from './openapi-health';
import { registerLaunch } from './openapi-launch';
import { registerRegistries } from './openapi-registries';
import { registerImageUpdates } from './openapi-image-updates';
import { registerStats } from './openapi-stats';
import { registerStackFolder } from './openapi-stack-folder';
import { registerStacks } from './openapi-stacks';
import { registerUpgrade } from './openapi-upgrade';

/**
 * The OpenAPI document of /api, generated from the same zod schemas the handlers validate with, so the document
 * cannot drift from what the server accepts. `npm run openapi` writes public/openapi.json; a unit test checks it
 * is current.
 */
export function buildOpenApi(): object {
  extendZodWithOpenApi(z);
  const r = new OpenAPIRegistry();
  const Error = r.register(
    'Error',
    z.object({
      error: z.object({
        kind: z.enum(['invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'unreachable', 'engine', 'rate_limited', 'internal']),
        message: z.string().describe('What failed and what to do about it'),
        details: z.unknown().optional(),
      }),
    }),
  );
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const errors = {
    400: { description: 'Invalid input', content: { 'application/json': { schema: Error } } },
    404: { description: 'No such host or container', content: { 'application/json': { schema: Error } } },
    409: { description: 'Conflicts with the current state', content: { 'application/json': { schema: Error } } },
    502: { description: 'The Docker host could not be reached', content: { 'application/json': { schema: Error } } },
  };
  const id = z.object({ id: z.string().describe('Host id') });
  const cid = id.extend({ cid: z.string().describe('Container id or name') });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

  r.registerPath({ method: 'get', path: '/api/health', summary: 'Liveness and store check', responses: { 200: json('OK') } });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts',
    summary: 'List hosts with status and Engine info',
    responses: { 200: json('{ hosts: HostView[] }') },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts',
    summary: 'Register a host (the connection is tested before saving)',
    request: { body: body(HostCreateSchema) },
    responses: { 201: json('{ host: HostView }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/ssh-fingerprint',
    summary: "Read an SSH server's host key fingerprint for confirmation",
    request: { body: body(SshProbeSchema) },
    responses: { 200: json('{ fingerprint }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}',
    summary: 'One host',
    request: { params: id },
    responses: { 200: json('{ host: HostView }'), ...errors },
  });
  r.registerPath({
    method: 'patch',
    path: '/api/v1/hosts/{id}',
    summary: 'Edit a host; secret fields left out keep their stored value',
    request: { params: id, body: body(HostUpdateSchema) },
    responses: { 200: json('{ host: HostView }'), ...errors },
  });
  r.registerPath({
    method: 'delete',
    path: '/api/v1/hosts/{id}',
    summary: 'Remove a host from Berth (nothing on the host changes)',
    request: { params: id },
    responses: { 200: json('{ ok: true }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/containers',
    summary: 'Containers of every host, from the live cache',
    request: { query: ContainerListQuerySchema },
    responses: { 200: json('{ containers: ContainerSummary[], unavailable: [...] }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/containers/{cid}',
    summary: 'Container detail (a summary of inspect)',
    request: { params: cid },
    responses: { 200: json('{ container: ContainerDetail }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/containers/{cid}/{action}',
    summary: 'Run a lifecycle action',
    request: { params: cid.extend({ action: ContainerActionSchema }), body: body(ContainerActionBodySchema) },
    responses: { 200: json('{ ok: true, message }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/containers/{cid}/logs',
    summary:
      "A container's logs: server-sent events of LogMessage when following (or with Accept: text/event-stream), a text/plain attachment with download=1, else JSON { container, lines }",
    request: { params: cid, query: LogsQueryDoc },
    responses: {
      200: {
        description: 'Whole lines, stdout and stderr told apart; lines the Engine split at 16 KiB are joined',
        content: {
          'text/event-stream': { schema: z.string() },
          'text/plain': { schema: z.string() },
          'application/json': { schema: z.object({}).passthrough() },
        },
      },
      ...errors,
    },
  });
  registerResources(r, { id, json, errors, body });
  registerLaunch(r);
  registerRegistries(r);
  registerImageUpdates(r);
  registerStats(r);
  registerStacks(r);
  registerStackFolder(r);
  registerUpgrade(r);
  registerHealth(r);
  registerDiagnosis(r);
  registerSwarm(r);
  registerSwarmServiceCreate(r);
  registerSwarmServices(r);
  registerSwarmSecrets(r);
  registerSwarmStacks(r);
  registerCatalog(r);
  registerCatalogSources(r);
  registerAlertChannels(r);
  registerAlerts(r);
  r.registerPath({
    method: 'get',
    path: '/api/v1/live',
    summary: 'Server-sent events: a snapshot, then every container and host change',
    responses: { 200: { description: 'text/event-stream of LiveMessage JSON' } },
  });

  return new OpenApiGeneratorV31(r.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Berth API', version: '1', description: 'The API the Berth UI itself uses. Errors are JSON with a message and the matching HTTP status.' },
  });
}

type Helpers = {
  id: z.ZodObject<{ id: z.ZodString }>;
  json: (description: string) => ResponseConfig;
  errors: Record<number, ResponseConfig>;
  body: (schema: z.ZodType) => ZodRequestBody;
};

/** Images, volumes and networks of one host. */
function registerResources(r: OpenAPIRegistry, { id, json, errors, body }: Helpers): void {
  const res = (description: string) => ({ 200: json(description), ...errors });
  const iid = id.extend({ iid: z.string().describe('Image id (sha256:… or its first 12 digits)') });
  const vol = id.extend({ name: z.string().describe('Volume name') });
  const nid = id.extend({ nid: z.string().describe('Network id or name') });
  const images = '/api/v1/hosts/{id}/images';
  r.registerPath({
    method: 'get',
    path: images,
    summary: 'Images, one row per repo:tag, with the containers using each',
    request: { params: id, query: ImageListQuerySchema },
    responses: res('{ images: ImageSummary[] }'),
  });
  r.registerPath({
    method: 'post',
    path: `${images}/prune`,
    summary: 'Remove dangling images no container uses',
    request: { params: id, body: body(ImagePruneSchema) },
    responses: res('PruneResult'),
  });
  r.registerPath({
    method: 'get',
    path: `${images}/{iid}`,
    summary: 'Image detail with its layer history',
    request: { params: iid },
    responses: res('{ image: ImageDetail }'),
  });
  r.registerPath({
    method: 'delete',
    path: `${images}/{iid}`,
    summary: 'Remove an image, or one repo:tag of it; refused while containers use it unless forced',
    request: { params: iid, query: ImageRemoveQuerySchema },
    responses: res('RemoveResult'),
  });
  r.registerPath({
    method: 'post',
    path: `${images}/{iid}/tag`,
    summary: 'Add a repo:tag to an image',
    request: { params: iid, body: body(ImageTagSchema) },
    responses: res('{ ok: true, message, ref }'),
  });
  const volumes = '/api/v1/hosts/{id}/volumes';
  r.registerPath({
    method: 'get',
    path: volumes,
    summary: 'Volumes with the containers using each; sizes=1 also measures their size (docker system df, slow on big hosts)',
    request: { params: id, query: z.object({ sizes: z.enum(['0', '1']).optional() }) },
    responses: res('{ volumes: VolumeSummary[] }'),
  });
  r.registerPath({
    method: 'post',
    path: volumes,
    summary: 'Create a volume (any driver, with driver options and labels)',
    request: { params: id, body: body(VolumeCreateSchema) },
    responses: { 201: json('{ volume: VolumeSummary }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: `${volumes}/prune`,
    summary: 'Remove volumes no container uses',
    request: { params: id, body: body(VolumePruneSchema) },
    responses: res('PruneResult'),
  });
  r.registerPath({ method: 'get', path: `${volumes}/{name}`, summary: 'One volume', request: { params: vol }, responses: res('{ volume: VolumeSummary }') });
  r.registerPath({
    method: 'delete',
    path: `${volumes}/{name}`,
    summary: 'Remove a volume; refused while containers use it',
    request: { params: vol },
    responses: res('{ ok: true, message }'),
  });
  const networks = '/api/v1/hosts/{id}/networks';
  r.registerPath({
    method: 'get',
    path: networks,
    summary: 'Networks with IPAM settings and attached containers',
    request: { params: id },
    responses: res('{ networks: NetworkSummary[] }'),
  });
  r.registerPath({
    method: 'post',
    path: networks,
    summary: 'Create a bridge, macvlan or overlay network',
    request: { params: id, body: body(NetworkCreateSchema) },
    responses: { 201: json('{ network: NetworkSummary }'), ...errors },
  });
  r.registerPath({ method: 'get', path: `${networks}/{nid}`, summary: 'One network', request: { params: nid }, responses: res('{ network: NetworkSummary }') });
  r.registerPath({
    method: 'delete',
    path: `${networks}/{nid}`,
    summary: 'Remove a network; refused for bridge, host, none and while containers are attached',
    request: { params: nid },
    responses: res('{ ok: true, message }'),
  });
  r.registerPath({
    method: 'post',
    path: `${networks}/{nid}/connect`,
    summary: 'Connect a container, optionally with aliases',
    request: { params: nid, body: body(NetworkConnectSchema) },
    responses: res('{ ok: true, message }'),
  });
  r.registerPath({
    method: 'post',
    path: `${networks}/{nid}/disconnect`,
    summary: 'Disconnect a container',
    request: { params: nid, body: body(NetworkDisconnectSchema) },
    responses: res('{ ok: true, message }'),
  });
}
