import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import * as catalogList from '@/app/api/v1/catalog/route';
import * as catalogOne from '@/app/api/v1/catalog/[template]/route';
import * as renderRoute from '@/app/api/v1/catalog/[template]/render/route';
import * as sourceOne from '@/app/api/v1/catalog/sources/[sid]/route';
import * as refreshRoute from '@/app/api/v1/catalog/sources/[sid]/refresh/route';
import * as sourcesRoute from '@/app/api/v1/catalog/sources/route';
import * as deployRoute from '@/app/api/v1/hosts/[id]/catalog/[template]/deploy/route';
import type { CatalogListing } from '@/lib/catalog-types';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { gitDaemon } from './catalog-sources-support';
import { cleanupProject } from './stacks-support';
import { freshBerth, harness, params, req, stackNamer } from './support';

/**
 * What the two catalog sources suites share (catalog-sources.test.ts: adding sources and git repositories in Berth's
 * format; catalog-imports.test.ts: Portainer and CapRover files and their logos): the source and template routes as
 * calls, a Berth with daemon A as host, a git daemon over a temporary folder, and insecure sources allowed.
 */
export const ENGINE = harness().DOCKER_A_SOCKET;
export const IMAGE = harness().TEST_IMAGE;

/** a compose service body that sleeps until stopped */
export const sleeper = `    image: ${IMAGE}\n    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]\n`;

export const caprover = `captainVersion: 4
services:
  $$cap_appname:
    image: ${IMAGE}
    command: sleep 600
    environment:
      MESSAGE: $$cap_message
caproverOneClickApp:
  variables:
    - id: $$cap_message
      label: Message
      defaultValue: hello
  displayName: Echo
  description: says hello
  instructions:
    start: starts
    end: done
`;

export const sources = async (token?: string) => sourcesRoute.GET(req('/api/v1/catalog/sources', { token }), params({}));
export const add = (json: unknown, token?: string) => sourcesRoute.POST(req('/api/v1/catalog/sources', { method: 'POST', json, token }), params({}));
export const refresh = (sid: string) => refreshRoute.POST(req(`/api/v1/catalog/sources/${sid}/refresh`, { method: 'POST' }), params({ sid }));
export const remove = (sid: string) => sourceOne.DELETE(req(`/api/v1/catalog/sources/${sid}`, { method: 'DELETE' }), params({ sid }));
export const listing = async () => (await (await catalogList.GET(req('/api/v1/catalog'), params({}))).json()) as CatalogListing;
// Next hands a dynamic segment over as the browser sent it: "<source>%2F<template>"
export const readOne = (id: string) => catalogOne.GET(req(`/api/v1/catalog/${encodeURIComponent(id)}`), params({ template: encodeURIComponent(id) }));
export const render = (id: string, answers: Record<string, unknown>) =>
  renderRoute.POST(
    req(`/api/v1/catalog/${encodeURIComponent(id)}/render`, { method: 'POST', json: { answers } }),
    params({ template: encodeURIComponent(id) }),
  );

export async function ok<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body as T;
}
export async function refused(res: Response | Promise<Response>, status: number, message: RegExp): Promise<void> {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  expect(body.error.message).toMatch(message);
}

export interface CatalogSuite {
  /** the temporary folder the git daemon serves */
  base: string;
  berth: Berth;
  host: string;
  daemon: Awaited<ReturnType<typeof gitDaemon>>;
  gitUrl(name: string): string;
  /** a unique compose project name, removed from daemon A after the suite */
  project(prefix: string): string;
  deploy(id: string, json: unknown): Promise<Response>;
  /** the source folders Berth keeps under its data folder */
  cacheDirs(): string[];
}

/**
 * Registers the suite's beforeAll/afterAll: `repos` makes its git repositories under `base` (served as git://…/name.git);
 * `closers` run after the suite (the test's own loopback servers).
 */
export function catalogSuite(repos: (base: string) => Promise<void>, closers: (() => Promise<void> | undefined)[] = []): CatalogSuite {
  const projects: string[] = [];
  const saved = { insecure: process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES, refresh: process.env.BERTH_CATALOG_REFRESH_MINUTES };
  const s: CatalogSuite = {
    base: fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sources-')),
    berth: undefined as unknown as Berth,
    host: '',
    daemon: undefined as unknown as CatalogSuite['daemon'],
    gitUrl: (name) => `git://127.0.0.1:${s.daemon.port}/${name}.git`,
    project: stackNamer(projects),
    deploy: (id, json) =>
      deployRoute.POST(
        req(`/api/v1/hosts/${s.host}/catalog/${encodeURIComponent(id)}/deploy`, { method: 'POST', json }),
        params({ id: s.host, template: encodeURIComponent(id) }),
      ),
    cacheDirs: () => {
      const dir = path.join(s.berth.config.dataDir, 'catalog-sources');
      return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    },
  };

  beforeAll(async () => {
    // git:// and http:// on loopback: the documented switch for trusted networks; no background refresh during the suite
    process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES = '1';
    process.env.BERTH_CATALOG_REFRESH_MINUTES = '0';
    await repos(s.base);
    s.daemon = await gitDaemon(s.base);
    s.berth = await freshBerth('sqlite');
    installBerth(s.berth);
    s.host = (await createHost(s.berth, { kind: 'socket', name: 'a', socketPath: ENGINE })).id;
  });

  afterAll(async () => {
    for (const p of projects.reverse()) await cleanupProject(ENGINE, p);
    await s.berth?.close();
    await s.daemon?.stop();
    for (const close of closers) await close();
    process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES = saved.insecure;
    process.env.BERTH_CATALOG_REFRESH_MINUTES = saved.refresh;
    if (saved.insecure === undefined) delete process.env.BERTH_CATALOG_ALLOW_INSECURE_SOURCES;
    if (saved.refresh === undefined) delete process.env.BERTH_CATALOG_REFRESH_MINUTES;
    fs.rmSync(s.base, { recursive: true, force: true });
  });

  return s;
}
