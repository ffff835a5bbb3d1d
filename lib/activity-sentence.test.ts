import { describe, expect, it } from 'vitest';
import { describeActivity, parseTarget } from './activity-sentence';

const entry = (
  action: string,
  target: string | null,
  extra: { status?: number | null; result?: 'ok' | 'denied' | 'error'; details?: unknown; hostId?: string | null } = {},
) => ({
  action,
  target,
  hostId: extra.hostId === undefined ? 'h1' : extra.hostId,
  status: extra.status ?? 200,
  result: extra.result ?? 'ok',
  details: extra.details ?? null,
});

describe('describeActivity', () => {
  it('reads a stack deploy as words, with a link to the stack', () => {
    expect(describeActivity(entry('POST /api/v1/hosts/{id}/stacks/{name}/deploy', 'name=wp', { details: { wait: true } }), 'vm')).toEqual({
      text: 'deployed stack wp on vm',
      href: '/stacks/h1/wp',
    });
  });

  it('a deploy accepted with 202 says it started; its outcome entry says how it ended', () => {
    expect(describeActivity(entry('POST /api/v1/hosts/{id}/stacks/{name}/deploy', 'name=wp', { status: 202 }), 'vm').text).toBe(
      'deploy of stack wp on vm started',
    );
    expect(describeActivity(entry('stack.deploy', 'name=wp', { status: null, result: 'error' }), 'vm')).toEqual({
      text: 'deploy of stack wp on vm failed',
      href: '/stacks/h1/wp',
    });
    expect(describeActivity(entry('stack.deploy', 'name=wp', { status: null }), 'vm').text).toBe('deployed stack wp on vm');
    expect(describeActivity(entry('stack.down', 'name=wp', { status: null }), 'vm').text).toBe('took down stack wp on vm');
  });

  it('a catalog launch names the template and the stack it made', () => {
    const launch = (status: number) =>
      describeActivity(entry('POST /api/v1/hosts/{id}/catalog/{template}/deploy', 'template=wordpress', { status, details: { stack: 'blog' } }), 'vm');
    expect(launch(202)).toEqual({ text: 'launch of wordpress as stack blog on vm started', href: '/stacks/h1/blog' });
    expect(launch(201).text).toBe('launched wordpress as stack blog on vm');
  });

  it('catalog sources and a catalog upgrade read as words', () => {
    expect(describeActivity(entry('POST /api/v1/catalog/sources', null, { status: 201, hostId: null, details: { name: 'ours' } }), null)).toEqual({
      text: 'added catalog source ours',
      href: '/settings#catalog-sources',
    });
    expect(describeActivity(entry('DELETE /api/v1/catalog/sources/{sid}', 'sid=ours', { hostId: null }), null).text).toBe('removed catalog source ours');
    const upgrade = (status: number, details: unknown) =>
      describeActivity(entry('POST /api/v1/hosts/{id}/stacks/{name}/catalog/upgrade', 'name=blog', { status, details }), 'vm');
    expect(upgrade(202, { version: '2.0' })).toEqual({ text: 'catalog upgrade of stack blog to template version 2.0 on vm started', href: '/stacks/h1/blog' });
    expect(upgrade(200, { version: '2.0', plan: true }).text).toBe('planned the catalog upgrade of stack blog to template version 2.0 on vm');
  });

  it('container actions: a removed container has no link, a stopped one links to its page', () => {
    expect(describeActivity(entry('DELETE /api/v1/hosts/{id}/containers/{cid}', 'cid=web-1'), 'a')).toEqual({
      text: 'removed container web-1 on a',
      href: undefined,
    });
    expect(describeActivity(entry('POST /api/v1/hosts/{id}/containers/{cid}/{action}', 'cid=web-1 action=stop'), 'a')).toEqual({
      text: 'stopped container web-1 on a',
      href: '/hosts/h1/containers/web-1',
    });
    expect(describeActivity(entry('POST /api/v1/hosts/{id}/containers/{cid}/{action}', 'cid=web-1 action=remove'), 'a').href).toBeUndefined();
  });

  it('names what a create made from the request body, and says "a …" when the body did not name it', () => {
    expect(describeActivity(entry('POST /api/v1/hosts/{id}/volumes', null, { details: { name: 'data' } }), 'a')).toEqual({
      text: 'created volume data on a',
      href: '/volumes',
    });
    expect(describeActivity(entry('POST /api/v1/hosts/{id}/networks', null), 'a').text).toBe('created a network on a');
    expect(describeActivity(entry('POST /api/v1/hosts/{id}/images/pull', null, { details: { ref: 'busybox:1.36' } }), 'a').text).toBe(
      'pulled image busybox:1.36 on a',
    );
    expect(describeActivity(entry('POST /api/v1/hosts/{id}/stacks', null, { details: { name: 'shop' }, status: 201 }), 'a')).toEqual({
      text: 'created stack shop on a',
      href: '/stacks/h1/shop',
    });
  });

  it('stack actions, escaping names in links', () => {
    expect(describeActivity(entry('POST /api/v1/hosts/{id}/stacks/{name}/{action}', 'name=wp action=restart', { hostId: 'h 2' }), 'b')).toEqual({
      text: 'restarted stack wp on b',
      href: '/stacks/h%202/wp',
    });
  });

  it('entries without a host and named events', () => {
    expect(describeActivity(entry('auth.login.form', null, { hostId: null }), null).text).toBe('signed in');
    expect(describeActivity(entry('POST /api/v1/users', null, { hostId: null, details: { username: 'vera' } }), null)).toEqual({
      text: 'added user vera',
      href: '/users',
    });
  });

  it('an action it does not know reads as the raw action, never as a wrong sentence', () => {
    expect(describeActivity(entry('POST /api/v1/something/new', null), 'a')).toEqual({ text: 'POST /api/v1/something/new' });
    expect(describeActivity(entry('mystery.event', null), 'a')).toEqual({ text: 'mystery.event' });
  });

  it('no route template survives in a known sentence', () => {
    const known = [
      'POST /api/v1/hosts/{id}/containers/{cid}/{action}',
      'DELETE /api/v1/hosts/{id}/stacks/{name}',
      'POST /api/v1/hosts/{id}/stacks/{name}/scale',
    ];
    for (const a of known) expect(describeActivity(entry(a, 'cid=x action=start name=s'), 'a').text).not.toMatch(/[{}]|\/api\//);
  });
});

describe('parseTarget', () => {
  it('reads key=value pairs', () => {
    expect(parseTarget('name=wp action=stop')).toEqual({ name: 'wp', action: 'stop' });
    expect(parseTarget(null)).toEqual({});
  });
});
