import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AlertActionSchema, AlertListQuerySchema, AlertRuleCreateSchema, AlertRuleUpdateSchema, MaintenanceWindowCreateSchema } from '@/lib/schemas/alerts';

/** Alerts (issue #17 point 1): reading follows the caller's hosts; rules and windows are changed by admins. */
export function registerAlerts(r: OpenAPIRegistry): void {
  const aid = z.object({ aid: z.string().describe('Alert id') });
  const rid = z.object({ rid: z.string().describe('Alert rule id') });
  const wid = z.object({ wid: z.string().describe('Maintenance window id') });
  const Error = z.object({ error: z.object({ kind: z.string(), message: z.string().describe('What failed and what to do about it') }) });
  const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).passthrough() } } });
  const err = (description: string) => ({ description, content: { 'application/json': { schema: Error } } });
  const errors = { 400: err('Invalid input (the field and the cause)'), 403: err('Not allowed for your role'), 404: err('No such alert, rule or window') };
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

  r.registerPath({
    method: 'get',
    path: '/api/v1/alerts',
    summary: 'Open and recent alerts of the hosts the caller can read, newest first',
    request: { query: AlertListQuerySchema },
    responses: { 200: json('{ alerts: Alert[] }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/alerts/{aid}',
    summary: 'One alert',
    request: { params: aid },
    responses: { 200: json('{ alert: Alert }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/alerts/{aid}',
    summary: 'Resolve a firing alert by hand (operator on its host); 409 when it is not firing',
    request: { params: aid, body: body(AlertActionSchema) },
    responses: { 200: json('{ alert: Alert }'), 409: err('Not firing'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/alerts/rules',
    summary: 'Alert rules (admins)',
    responses: { 200: json('{ rules: AlertRuleView[] }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/alerts/rules',
    summary: 'Add an alert rule (admins): kind, scope (host, stack, label), parameters, severity, cooldown, channels',
    request: { body: body(AlertRuleCreateSchema) },
    responses: { 201: json('{ rule: AlertRuleView }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/alerts/rules/{rid}',
    summary: 'One alert rule (admins)',
    request: { params: rid },
    responses: { 200: json('{ rule: AlertRuleView }'), ...errors },
  });
  r.registerPath({
    method: 'put',
    path: '/api/v1/alerts/rules/{rid}',
    summary: 'Replace an alert rule (admins); a change of what it watches resolves its open alerts',
    request: { params: rid, body: body(AlertRuleUpdateSchema) },
    responses: { 200: json('{ rule: AlertRuleView }'), ...errors },
  });
  r.registerPath({
    method: 'delete',
    path: '/api/v1/alerts/rules/{rid}',
    summary: 'Delete an alert rule (admins); its open alerts resolve, the history stays',
    request: { params: rid },
    responses: { 200: json('{ ok: true, message }'), ...errors },
  });
  r.registerPath({
    method: 'get',
    path: '/api/v1/alerts/maintenance',
    summary: 'Current and coming maintenance windows the caller may see',
    responses: { 200: json('{ windows: MaintenanceWindowView[] }'), ...errors },
  });
  r.registerPath({
    method: 'post',
    path: '/api/v1/alerts/maintenance',
    summary: 'Start or plan a maintenance window (admins): alerts inside it are recorded silenced and not sent',
    request: { body: body(MaintenanceWindowCreateSchema) },
    responses: { 201: json('{ window: MaintenanceWindowView }'), ...errors },
  });
  r.registerPath({
    method: 'delete',
    path: '/api/v1/alerts/maintenance/{wid}',
    summary: 'End a maintenance window now (admins)',
    request: { params: wid },
    responses: { 200: json('{ ok: true, message }'), ...errors },
  });
}
