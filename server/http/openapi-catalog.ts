import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CatalogDeploySchema, CatalogListQuerySchema, CatalogPlanSchema, CatalogRenderSchema } from '@/lib/schemas/catalog';
import { CatalogUpgradeSchema, StackCatalogQuerySchema } from '@/lib/schemas/catalog-upgrade';

/** The catalog (issue #12): templates, their Preview, and a launch as a stack. */
export function registerCatalog(r: OpenAPIRegistry): void {
  const Error = z.object({
    error: z.object({ kind: z.string(), message: z.string().describe('What failed and what to do about it'), details: z.unknown().optional() }),
  });
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const tpl = z.object({
    template: z.string().describe('Template id (the built-in catalog: its folder name; an added source: "<source>/<template>", URL-encoded)'),
  });
  const errors = {
    400: err('Invalid input: details.issues names each answer at fault (answers.<variable>), or the rendered file does not validate'),
    403: err('An administrator-only template launched by a non-admin, or the container policy refuses a setting of the file (named)'),
    404: err('No such template, version or host'),
    409: err('A stack of that name exists on the host, a host port is in use, or the deploy failed and was undone'),
    502: err('The Docker host could not be reached'),
  };
  r.registerPath({
    method: 'get',
    path: '/api/v1/catalog',
    summary: 'Catalog templates (no compose files), filtered by words and category; admins also get the templates that failed to load, by file and field',
    request: { query: CatalogListQuerySchema },
    responses: { 200: json('{ templates: TemplateSummary[], categories: string[], problems: CatalogProblem[] }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/catalog/{template}',
    summary: 'One template: versions with their questions (password defaults left out), compose files and READMEs',
    request: { params: tpl },
    responses: { 200: json('{ template: CatalogTemplate }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/catalog/{template}/logo',
    summary:
      "A template's logo: as its folder holds it (SVG or PNG), or fetched by Berth from an imported catalog's address (images only, at most 256 KiB; https unless insecure sources are allowed). The lists give its URL with a digest (?v=), so it may be cached for good",
    request: { params: tpl },
    responses: {
      200: { description: 'The logo', content: { 'image/svg+xml': { schema: z.string() }, 'image/png': { schema: z.string() } } },
      404: err('No such template, it has no logo, or its imported logo could not be fetched (the message says why)'),
    },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/catalog/{template}/render',
    summary: 'The compose file a launch with these answers deploys (the Preview), validated; passwords appear as ${variable} references to the sealed .env',
    request: { params: tpl, body: body(CatalogRenderSchema) },
    responses: { 200: json('{ compose, version }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/catalog/{template}/plan',
    summary:
      "The launch's plan step: what deploying the template with these answers as a new stack would create, and which images it pulls (with registry warnings); changes nothing",
    request: { params: tpl.extend({ id: z.string().describe('Host id') }), body: body(CatalogPlanSchema) },
    responses: { 200: json('{ plan: StackPlan }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/catalog/{template}/deploy',
    summary: 'Launch a template as a new stack (operators; administrator-only templates: admins). A refused or failed first deploy leaves no stack',
    request: { params: tpl.extend({ id: z.string().describe('Host id') }), body: body(CatalogDeploySchema) },
    responses: {
      201: json('{ stack, operation } when finished (wait: true)'),
      202: json('{ stack, operation } still running; follow it at /api/v1/hosts/{id}/stacks/{stack}/operations/{opId}'),
      ...errors,
    },
  });
  const stack = z.object({ id: z.string().describe('Host id'), name: z.string().describe('Stack name') });
  r.registerPath({
    method: 'get',
    path: '/api/v1/hosts/{id}/stacks/{name}/catalog',
    summary:
      "A catalog app's template: the version it runs (after a rollback, the one that made the restored file), its answers without passwords, the newer versions it may upgrade to (upgrade_from respected) and a target version's new questions",
    request: { params: stack, query: StackCatalogQuerySchema },
    responses: {
      200: json('{ catalog: StackCatalogView }'),
      ...errors,
      404: err('No such host or stack, or (details.reason "not-from-catalog") a stack not launched from the catalog'),
    },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/hosts/{id}/stacks/{name}/catalog/upgrade',
    summary:
      'Upgrade a catalog app in place: old answers kept, passwords left in the sealed .env, new passwords generated; plan: true answers with the plan and changes nothing; else a stack deploy (history, Rollback) that moves the template record only when it succeeds, or, when only the image of one service with a health check changes, a two-phase rolling upgrade of it (rolling names it; Finish or Rollback end it)',
    request: { params: stack, body: body(CatalogUpgradeSchema) },
    responses: {
      200: json('{ version, compose, rolling, plan } (plan: true), or { version, rolling, operation } when finished (wait: true)'),
      202: json('{ version, rolling, operation } still running; follow it at /api/v1/hosts/{id}/stacks/{name}/operations/{opId}'),
      ...errors,
      400: err('A version not newer than the deployed one or refused by its upgrade_from, a missing or bad answer (details.issues), or a password set before'),
    },
  });
}
