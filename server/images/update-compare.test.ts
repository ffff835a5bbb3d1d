import { describe, expect, it } from 'vitest';
import { compareDigests, localProblem, type RunningImage } from './update-compare';

const D = (c: string) => `sha256:${c.repeat(64)}`;
const run = (id: string, repoDigests: string[] | null): RunningImage => ({ id, name: id, project: null, service: null, repoDigests });
const REF = '127.0.0.1:5000/app:1';

describe('localProblem', () => {
  it('says what cannot be checked before a registry is asked', () => {
    expect(localProblem(`app@${D('a')}`, [run('c', [])])).toMatch(/^pinned to a digest/);
    expect(localProblem('0123456789ab', [run('c', [])])).toMatch(/^no image reference/);
    expect(localProblem('app:1', [run('c', [])])).toMatch(/^built locally/);
    expect(localProblem(REF, [run('c', [`127.0.0.1:5000/other@${D('a')}`])])).toMatch(/^no repo digest/);
    expect(localProblem(REF, [run('c', [`127.0.0.1:5000/app@${D('a')}`])])).toBeNull();
  });
});

describe('compareDigests', () => {
  it('is up to date when the image holds the registry digest for that repository', () => {
    expect(compareDigests(REF, D('a'), [run('c', [`127.0.0.1:5000/app@${D('a')}`, `elsewhere/app@${D('b')}`])])).toMatchObject({
      status: 'up-to-date',
      containers: [{ id: 'c', behind: false }],
    });
  });

  it('marks the containers that run an older image', () => {
    const r = compareDigests(REF, D('b'), [run('old', [`127.0.0.1:5000/app@${D('a')}`]), run('new', [`127.0.0.1:5000/app@${D('b')}`])]);
    expect(r.status).toBe('update-available');
    expect(r.reason).toMatch(/1 of 2 containers run an older image/);
    expect(r.containers.map((c) => c.behind)).toEqual([true, false]);
  });

  it('matches Docker Hub spellings of the same repository', () => {
    expect(compareDigests('busybox', D('c'), [run('c', [`busybox@${D('c')}`])]).status).toBe('up-to-date');
    expect(compareDigests('docker.io/library/busybox:latest', D('d'), [run('c', [`busybox@${D('c')}`])]).status).toBe('update-available');
  });

  it('is unknown when no image has a digest from the repository', () => {
    expect(compareDigests(REF, D('a'), [run('c', null)])).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/^no repo digest/) });
  });
});
