import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AttachSchema, ConfigCreateSchema, DetachSchema, SecretCreateSchema } from '@/lib/schemas/swarm-secrets';

/** Swarm secrets and configs (issue #14 point 5; server/swarm/swarm-objects.ts): the same routes under /secrets and /configs. */
export function registerSwarmSecrets(r: OpenAPIRegistry): void {
  const id = z.object({ id: z.string().describe('Host id: a swarm manager') });
  const sid = id.extend({ sid: z.string().describe('Secret or config id (or unique prefix) or name') });
  const json = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const errors = {
    404: { description: 'No such host, secret, config or service' },
    409: { description: 'Not a swarm manager; the name exists; in use by services (named); already attached, or not attached' },
    502: { description: 'The Docker host could not be reached' },
  };
  const Use = z.object({
    serviceId: z.string(),
    serviceName: z.string(),
    target: z.string().describe('the file in the containers, e.g. /run/secrets/db-pass'),
  });
  const Item = z.object({
    id: z.string(),
    name: z.string(),
    labels: z.record(z.string(), z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    usedBy: z.array(Use),
  });
  const Done = z.object({ ok: z.literal(true), message: z.string() });
  for (const kind of ['secret', 'config'] as const) {
    const base = `/api/v1/hosts/{id}/swarm/${kind}s`;
    const create = kind === 'secret' ? SecretCreateSchema : ConfigCreateSchema;
    const limit = kind === 'secret' ? '500 KiB' : '1000 KiB';
    r.registerPath({
      method: 'get',
      path: base,
      summary: `The swarm's ${kind}s with the services using each${kind === 'secret' ? '; never their values' : ''}`,
      request: { params: id },
      responses: { 200: json(`The ${kind}s`, z.object({ [`${kind}s`]: z.array(Item) })), ...errors },
    });
    r.registerPath({
      method: 'post',
      path: base,
      summary: `Create a ${kind} (operators): data is text, or a file's bytes in base64 with encoding "base64"; smaller than ${limit}. The audit log drops data.`,
      request: {
        params: id,
        body: {
          content: {
            'application/json': { schema: create },
            'multipart/form-data': {
              schema: z.object({
                name: z.string(),
                file: z.string().describe("the value's bytes (a file upload)"),
                labels: z.string().optional().describe('JSON object'),
              }),
            },
          },
        },
      },
      responses: {
        201: json('Created (without its value)', Done.extend({ [kind]: Item })),
        400: { description: 'Bad name, empty or too large a value' },
        ...errors,
      },
    });
    r.registerPath({
      method: 'get',
      path: `${base}/{sid}`,
      summary: kind === 'secret' ? 'One secret, without its value (Docker does not give it back)' : 'One config with its value (text when UTF-8, else base64)',
      request: { params: sid },
      responses: {
        200: json(`The ${kind}`, z.object({ [kind]: kind === 'secret' ? Item : Item.extend({ data: z.string(), encoding: z.enum(['text', 'base64']) }) })),
        ...errors,
      },
    });
    r.registerPath({
      method: 'delete',
      path: `${base}/{sid}`,
      summary: `Remove a ${kind} (operators); refused while services use it, naming them`,
      request: { params: sid },
      responses: { 200: json('Removed', Done), ...errors },
    });
    r.registerPath({
      method: 'post',
      path: `${base}/{sid}/attach`,
      summary: `Attach the ${kind} to a service as a file (a service update; ${kind === 'secret' ? 'admins: whoever attaches a secret can read it in the container' : 'operators'}). Target default: ${kind === 'secret' ? '/run/secrets/<name>' : '/<name>'}; mode 0444, uid/gid 0.`,
      request: { params: sid, body: body(AttachSchema) },
      responses: { 200: json('Attached', Done), 400: { description: 'Bad input' }, ...errors },
    });
    r.registerPath({
      method: 'post',
      path: `${base}/{sid}/detach`,
      summary: `Detach the ${kind} from a service (a service update; operators)`,
      request: { params: sid, body: body(DetachSchema) },
      responses: { 200: json('Detached', Done), 400: { description: 'Bad input' }, ...errors },
    });
  }
}
