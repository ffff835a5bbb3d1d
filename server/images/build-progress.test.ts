import { describe, expect, it } from 'vitest';
import { type BuildEvent, buildFraction, describeBuildError, initialBuildState, reduceBuild } from './build-progress';

const fold = (events: BuildEvent[]) => events.reduce(reduceBuild, initialBuildState);

// As daemon A sends a build whose second step fails (RUN output arrives in chunks that split lines).
const failing: BuildEvent[] = [
  { stream: 'Step 1/3 : FROM berth-test/busybox:latest\n' },
  { stream: ' ---> 6adbcf438237\n' },
  { stream: 'Step 2/3 : RUN echo hello && exit 3\n' },
  { stream: ' ---> Running in 1234\n' },
  { stream: 'hel' },
  { stream: 'lo\n' },
  {
    errorDetail: { code: 3, message: "The command '/bin/sh -c echo hello && exit 3' returned a non-zero code: 3" } as BuildEvent['errorDetail'],
    error: "The command '/bin/sh -c echo hello && exit 3' returned a non-zero code: 3",
  },
];

describe('build progress reducer', () => {
  it('joins output split across messages into lines and follows the steps', () => {
    const s = fold(failing.slice(0, 6));
    expect(s.lines).toEqual([
      'Step 1/3 : FROM berth-test/busybox:latest',
      ' ---> 6adbcf438237',
      'Step 2/3 : RUN echo hello && exit 3',
      ' ---> Running in 1234',
      'hello',
    ]);
    expect(s.step).toEqual({ n: 2, of: 3, text: 'RUN echo hello && exit 3' });
    expect(buildFraction(s)).toBeCloseTo(1 / 3);
  });

  it('names the failing step in the error', () => {
    const s = fold(failing);
    expect(describeBuildError(s)).toBe("Step 2/3 (RUN echo hello && exit 3) failed: The command '/bin/sh -c echo hello && exit 3' returned a non-zero code: 3");
  });

  it('keeps the image id from the aux message and a last line without a newline', () => {
    const s = fold([{ stream: 'Step 1/1 : FROM x\n' }, { aux: { ID: 'sha256:abc' } }, { stream: 'Successfully built abc' }]);
    expect(s.imageId).toBe('sha256:abc');
    expect(s.partial).toBe('Successfully built abc');
  });

  it('says when a Dockerfile needs BuildKit, which the classic builder Berth uses lacks', () => {
    const s = {
      ...initialBuildState,
      error: 'the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled',
    };
    expect(describeBuildError(s)).toMatch(/^The build failed: the --mount option requires BuildKit.*This Dockerfile needs BuildKit .*docker buildx build/);
    expect(describeBuildError({ ...initialBuildState, error: 'exit 3' })).not.toMatch(/BuildKit/);
  });
});
