import { z } from 'zod';
import { repoTagProblem } from './images';

/** Docker Hub's canonical name; "index.docker.io" and "registry-1.docker.io" are spellings of the same registry. */
export const DOCKER_HUB = 'docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export interface ParsedRef {
  /** host[:port] of the registry, lower case; "docker.io" when the reference names none */
  registry: string;
  /** the repository as the Engine's fromImage takes it (registry included when the reference had one) */
  repo: string;
  /** a tag, or a digest "sha256:…" */
  tag: string;
}

/** The registry part of a host[:port] as written by a user: lower case, Docker Hub under one name, no scheme/path. */
export function normalizeRegistry(address: string): string {
  const host = address
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return HUB_ALIASES.has(host) ? DOCKER_HUB : host;
}

/**
 * Splits an image reference the way the Engine does (distribution/reference): the first path component is a registry
 * host only when it has a "." or ":" or is "localhost"; otherwise the image lives on Docker Hub.
 * "127.0.0.1:5000/team/app:1" → registry 127.0.0.1:5000; "busybox" → docker.io, tag latest.
 */
export function parseRef(ref: string): ParsedRef {
  const at = ref.indexOf('@');
  const base = at >= 0 ? ref.slice(0, at) : ref;
  let repo = base;
  let tag = 'latest';
  const colon = base.lastIndexOf(':');
  if (colon > 0 && !base.slice(colon + 1).includes('/')) {
    repo = base.slice(0, colon);
    tag = base.slice(colon + 1);
  }
  if (at >= 0) tag = ref.slice(at + 1);
  const first = repo.split('/')[0];
  const hasRegistry = repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return { registry: hasRegistry ? normalizeRegistry(first) : DOCKER_HUB, repo, tag };
}

/** Why `ref` cannot be pulled, or null: a repo[:tag] as for tagging, or repo@sha256:<64 hex>. */
export function pullRefProblem(ref: string): string | null {
  const at = ref.indexOf('@');
  if (at < 0) return repoTagProblem(ref);
  const digest = ref.slice(at + 1);
  if (!DIGEST.test(digest)) return `"${digest}" is not a digest: use repo@sha256:<64 hex digits>`;
  const repo = ref.slice(0, at);
  if (repo.includes(':') && !repo.slice(repo.lastIndexOf(':') + 1).includes('/')) return 'Give either a tag or a digest, not both';
  return repoTagProblem(repo);
}

export const pullRef = z
  .string()
  .trim()
  .max(512, 'The image reference is too long')
  .superRefine((v, ctx) => {
    const problem = pullRefProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Credentials given for one request: used for that pull only, never stored or logged. */
export const PullAuthSchema = z
  .object({
    username: z.string().trim().min(1, 'User name is required').max(256),
    password: z.string().min(1, 'Password or token is required').max(4096),
  })
  .strict();

/** POST /api/v1/hosts/{id}/images/pull: starts a background task; the answer carries its id. */
export const PullSchema = z
  .object({
    ref: pullRef.describe('image reference, e.g. registry.example.com:5000/team/app:1.0 or busybox (":latest" when left out)'),
    auth: PullAuthSchema.optional().describe(
      'credentials for this pull only; without them, the stored credentials of the registry the reference names are used',
    ),
  })
  .strict();
export type PullInput = z.output<typeof PullSchema>;
