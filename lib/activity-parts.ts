import type { AuditView } from './auth-types';

/**
 * The pieces the Activity page's sentence rules (activity-*-rules.ts) are written with; activity-sentence.ts reads an
 * audit entry into Parts and picks the rule for its route template.
 */
export interface ActivitySentence {
  text: string;
  href?: string;
}

export type Parts = {
  host: string;
  hostId: string;
  t: Record<string, string>;
  body: Record<string, unknown>;
  status: number | null;
  result: AuditView['result'];
};
export type Rule = [method: string, path: RegExp, say: (p: Parts) => ActivitySentence];

export const enc = encodeURIComponent;
export const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
export const on = (p: Parts) => (p.host ? ` on ${p.host}` : '');
export const stackHref = (p: Parts, name: string) => `/stacks/${enc(p.hostId)}/${enc(name)}`;
export const containerHref = (p: Parts, cid: string) => `/hosts/${enc(p.hostId)}/containers/${enc(cid)}`;

/** "created container web-1", or "created a container" when the request did not name it */
export const named = (verb: string, kind: string, name: unknown) => (str(name) ? `${verb} ${kind} ${str(name)}` : `${verb} a ${kind}`);
export const simple =
  (text: (p: Parts) => string, href?: (p: Parts) => string | undefined) =>
  (p: Parts): ActivitySentence => ({ text: text(p), href: href?.(p) });

/** A host's routes start with this template; a rule's path is its route template, braces and all, matched whole. */
export const H = '/api/v1/hosts/\\{id\\}';
export const R = (s: string) => new RegExp(`^${s}$`);
