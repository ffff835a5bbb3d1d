import { describe, expect, it } from 'vitest';
import { ImageListQuerySchema, ImageRemoveQuerySchema, ImageTagSchema, repoTagProblem, splitRepoTag } from './images';

describe('splitRepoTag', () => {
  it('splits at the last colon unless a slash follows it', () => {
    expect(splitRepoTag('busybox:1.36')).toEqual({ repo: 'busybox', tag: '1.36' });
    expect(splitRepoTag('berth-test/busybox:latest')).toEqual({ repo: 'berth-test/busybox', tag: 'latest' });
    expect(splitRepoTag('localhost:5000/app:v2')).toEqual({ repo: 'localhost:5000/app', tag: 'v2' });
    expect(splitRepoTag('localhost:5000/app')).toEqual({ repo: 'localhost:5000/app', tag: 'latest' });
    expect(splitRepoTag('busybox')).toEqual({ repo: 'busybox', tag: 'latest' });
    expect(splitRepoTag('busybox@sha256:abc')).toEqual({ repo: 'busybox', tag: 'latest' });
  });
});

describe('repoTagProblem', () => {
  it('accepts what docker tag accepts', () => {
    for (const ok of ['app', 'app:1.0', 'team/app:v1_2-3', 'registry.example.com:5000/team/app:latest', 'localhost/app', 'a__b/c-d.e:x', '[::1]:5000/app:1']) {
      expect(repoTagProblem(ok), ok).toBeNull();
    }
  });

  it('says what is wrong with the rest', () => {
    expect(repoTagProblem('')).toMatch(/Give a name like/);
    expect(repoTagProblem('App:1')).toMatch(/must be lowercase: "App"/);
    expect(repoTagProblem('app:bad tag')).toMatch(/spaces/);
    expect(repoTagProblem('app:.x')).toMatch(/Tag ".x" may use/);
    expect(repoTagProblem('app:' + 'x'.repeat(129))).toMatch(/up to 128/);
    expect(repoTagProblem('team//app')).toMatch(/"\(empty\)" is not a valid repository name part/);
    expect(repoTagProblem('-app')).toMatch(/"-app" is not a valid repository name part/);
    expect(repoTagProblem('app@sha256:' + 'a'.repeat(64))).toMatch(/not a digest/);
    expect(repoTagProblem('a'.repeat(64))).toMatch(/64-character hexadecimal/);
    expect(repoTagProblem('bad_host:99/app')).toMatch(/not a valid registry host/);
  });
});

describe('image schemas', () => {
  it('reads boolean query strings', () => {
    expect(ImageListQuerySchema.parse({ dangling: 'true' })).toEqual({ dangling: true });
    expect(ImageRemoveQuerySchema.parse({ force: 'false', ref: 'app:1' })).toEqual({ force: false, ref: 'app:1' });
    expect(ImageListQuerySchema.safeParse({ dangling: 'maybe' }).success).toBe(false);
  });

  it('validates the new tag', () => {
    expect(ImageTagSchema.parse({ ref: ' app:2 ' })).toEqual({ ref: 'app:2' });
    const r = ImageTagSchema.safeParse({ ref: 'UPPER' });
    expect(r.success ? '' : r.error.issues[0].message).toMatch(/lowercase/);
  });
});
