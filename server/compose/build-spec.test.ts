import { describe, expect, it } from 'vitest';
import { loadCompose } from './load';
import { defaultBuildImage, v2BuildImage } from './build-spec';

const ok = (compose: string, project = 'shop', env = '') => {
  const r = loadCompose({ compose, env, project });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
};
const bad = (compose: string) => {
  const r = loadCompose({ compose, project: 'shop' });
  if (r.ok) throw new Error('expected problems');
  return r.issues.map((i) => i.message).join('\n');
};

describe('build: in a compose file', () => {
  it('the short form names the context; the image is <project>_<service> as compose 1.29 names it', () => {
    const m = ok('services:\n  web:\n    build: ./web/\n');
    expect(m.services.web.build).toEqual({ context: 'web', dockerfile: null, args: {}, target: null, labels: {} });
    expect(m.services.web.image).toBe('shop_web');
  });

  it('the long form keeps dockerfile, args (map or list, list names read from .env), target and labels; image: wins', () => {
    const m = ok(
      'services:\n  api:\n    image: acme/api:dev\n    build:\n      context: .\n      dockerfile: docker/Dockerfile.api\n      args: [VERSION=1.2, TOKEN]\n      target: prod\n      labels: { team: core }\n',
      'shop',
      'TOKEN=abc\n',
    );
    expect(m.services.api.image).toBe('acme/api:dev');
    expect(m.services.api.build).toEqual({
      context: '.',
      dockerfile: 'docker/Dockerfile.api',
      args: { VERSION: '1.2', TOKEN: 'abc' },
      target: 'prod',
      labels: { team: 'core' },
    });
    expect(ok('services:\n  api:\n    build: { args: { A: 1 } }\n').services.api.build?.args).toEqual({ A: '1' });
  });

  it('an absolute context is kept as a server path', () => {
    expect(ok('services:\n  web:\n    build: /srv/apps/web/\n').services.web.build?.context).toBe('/srv/apps/web');
  });

  it('build keys Berth does not support are named in the one "unsupported" error', () => {
    const msg = bad('services:\n  web:\n    build:\n      context: .\n      ssh: [default]\n      cache_from: [x]\n      platforms: [linux/arm64]\n');
    expect(msg).toMatch(
      /does not support these compose keys yet: ssh, cache_from, platforms \(at services.web.build.ssh, services.web.build.cache_from, services.web.build.platforms\)/,
    );
  });

  it('remote contexts and paths leaving the folder are refused with the reason', () => {
    expect(bad('services:\n  web:\n    build: https://github.com/acme/web.git\n')).toMatch(
      /remote repository or URL; Berth builds only from the stack's uploaded folder/,
    );
    expect(bad('services:\n  web:\n    build: ../other\n')).toMatch(/build context "..\/other" leaves the stack's folder/);
    expect(bad('services:\n  web:\n    build: { context: ., dockerfile: ../Dockerfile }\n')).toMatch(
      /build.dockerfile "..\/Dockerfile" leaves the build context/,
    );
    expect(bad('services:\n  web:\n    build: { context: ., dockerfile: /etc/Dockerfile }\n')).toMatch(/must be a path inside the build context/);
  });

  it('a service with neither image nor build still says image is required', () => {
    expect(bad('services:\n  web:\n    restart: always\n')).toMatch(/services.web.image: image is required/);
  });

  it('a version-1 file with build: is read as services', () => {
    expect(ok('web:\n  build: .\n').services.web.image).toBe('shop_web');
  });
});

describe('default names of a built image', () => {
  it('follow compose 1.29 (`_`) and v2 (`-`), lower case, leading separators dropped', () => {
    expect(defaultBuildImage('Shop', 'web')).toBe('shop_web');
    expect(v2BuildImage('Shop', 'web')).toBe('shop-web');
    expect(v2BuildImage('_x', 'api')).toBe('x-api');
  });
});
