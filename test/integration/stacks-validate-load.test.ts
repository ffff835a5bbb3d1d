import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as validateRoute from '@/app/api/v1/hosts/[id]/stacks/validate/route';
import * as healthRoute from '@/app/api/health/route';
import * as stackRoute from '@/app/api/v1/hosts/[id]/stacks/[name]/route';
import * as stacksRoute from '@/app/api/v1/hosts/[id]/stacks/route';
import { SHAPES } from '@/bench/lib/compose-shapes';
import { type Berth, installBerth } from '@/server/context';
import { createHost } from '@/server/hosts/service';
import { engineUnderTest, freshBerth, params, req, signUp, uniqueName } from './support';

/** Issue #11: the compose check is open to viewers, so no file may stall the server, and typing is rate-limited. */
let berth: Berth;
let host = '';

const validate = (json: unknown, token?: string) =>
  validateRoute.POST(req(`/api/v1/hosts/${host}/stacks/validate`, { method: 'POST', json, token }), params({ id: host }));
const small = 'services:\n  web:\n    image: nginx\n';

beforeAll(async () => {
  berth = await freshBerth('sqlite');
  installBerth(berth);
  host = (await createHost(berth, { kind: 'socket', name: 'a', socketPath: engineUnderTest().socket })).id;
});
afterAll(async () => {
  await berth.close();
});

describe('POST …/stacks/validate under load', () => {
  it("answers a viewer's 1 MiB file of 60,000 labels, and serves the health check and another user's check meanwhile", async () => {
    const viewer = await signUp(berth, uniqueName('viewer'), 'viewer');
    let bigDone = false;
    const big = validate({ compose: SHAPES['many-labels'](), env: '' }, viewer).finally(() => {
      bigDone = true;
    });
    // a timer fires while the large file is being checked: the event loop is free
    await new Promise((r) => setTimeout(r, 0));
    const health = await healthRoute.GET(req('/api/health'));
    expect(health.status).toBe(200);
    const other = await validate({ compose: small, env: '' });
    expect(await other.json()).toEqual({ ok: true, issues: [], services: ['web'] });
    expect(bigDone).toBe(false);
    const res = await big;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, issues: [], services: ['web'] });
  }, 60_000);

  it('answers a file of 150,000 syntax errors with its first 500 problems, positioned', async () => {
    const res = await validate({ compose: SHAPES['syntax-errors'](), env: '' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.issues).toHaveLength(501);
    expect(body.issues[0]).toMatchObject({ line: 5, col: expect.any(Number), message: expect.stringMatching(/quote/) });
    expect(body.issues[500].message).toMatch(/more problems, not listed; fix the ones above first/);
  }, 60_000);

  it('limits each user to bursts of 20 checks, answering 429 with Retry-After, without slowing other users', async () => {
    const fast = await signUp(berth, uniqueName('typist'), 'viewer');
    const answers = await Promise.all(Array.from({ length: 30 }, () => validate({ compose: small, env: '' }, fast)));
    const limited = answers.filter((r) => r.status === 429);
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(20);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited[0].json()).error).toMatchObject({ kind: 'rate_limited', message: expect.stringMatching(/Too many compose checks/) });
    // another user is not affected
    expect((await validate({ compose: small, env: '' })).status).toBe(200);
  });

  it("a stored 1 MiB file is read off the event loop too: a viewer's stack page is answered while health checks go on", async () => {
    const name = uniqueName('bigfile')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
    const p = params({ id: host, name });
    const saved = await stacksRoute.POST(
      req(`/api/v1/hosts/${host}/stacks`, { method: 'POST', json: { name, compose: SHAPES['many-labels'](), env: '', deploy: false } }),
      p,
    );
    expect(saved.status, await saved.clone().text()).toBe(201);
    const viewer = await signUp(berth, uniqueName('viewer'), 'viewer');
    let pageDone = false;
    const page = stackRoute.GET(req(`/api/v1/hosts/${host}/stacks/${name}`, { token: viewer }), p).finally(() => {
      pageDone = true;
    });
    await new Promise((r) => setTimeout(r, 0));
    expect((await healthRoute.GET(req('/api/health'))).status).toBe(200);
    expect(pageDone).toBe(false);
    const res = await page;
    expect(res.status).toBe(200);
    expect((await res.json()).stack.serviceStates.map((s: { name: string }) => s.name)).toEqual(['web']);
    const list = await stacksRoute.GET(req(`/api/v1/hosts/${host}/stacks`, { token: viewer }), p);
    expect(((await list.json()).stacks as { name: string; services: string[] }[]).find((x) => x.name === name)?.services).toEqual(['web']);
    await stackRoute.DELETE(req(`/api/v1/hosts/${host}/stacks/${name}`, { method: 'DELETE' }), p);
  }, 90_000);
});
