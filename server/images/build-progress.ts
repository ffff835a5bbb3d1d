/** One JSON message of the Engine's legacy build stream (POST /build). */
export interface BuildEvent {
  stream?: string;
  status?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string };
  raw?: string;
}

export interface BuildState {
  /** complete log lines so far (the caller keeps only a tail) */
  lines: string[];
  /** text after the last newline: the Engine splits lines across messages */
  partial: string;
  step: { n: number; of: number; text: string } | null;
  imageId: string | null;
  error: string | null;
}

export const initialBuildState: BuildState = { lines: [], partial: '', step: null, imageId: null, error: null };

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

/**
 * Folds one build message into the state (pure). Log text is split into lines here because the Engine sends a RUN
 * step's output in arbitrary chunks; "Step n/m : …" lines set the current step, so an error can name it.
 */
export function reduceBuild(state: BuildState, ev: BuildEvent): BuildState {
  if (ev.error || ev.errorDetail?.message) {
    const lines = state.partial ? [...state.lines, state.partial] : state.lines;
    return { ...state, lines, partial: '', error: (ev.errorDetail?.message ?? ev.error ?? 'build failed').trim() };
  }
  if (ev.aux?.ID) return { ...state, imageId: ev.aux.ID };
  const text = ev.stream ?? (ev.status ? `${ev.status}\n` : ev.raw ? `${ev.raw}\n` : '');
  if (!text) return state;
  const parts = (state.partial + text).replace(/\r\n/g, '\n').split('\n');
  const partial = parts.pop() ?? '';
  let step = state.step;
  for (const line of parts) {
    const m = STEP.exec(line);
    if (m) step = { n: Number(m[1]), of: Number(m[2]), text: m[3] };
  }
  return { ...state, lines: parts.length ? [...state.lines, ...parts] : state.lines, partial, step };
}

/** The share of steps started, as the bar shows it; null before the first step. */
export const buildFraction = (s: BuildState) => (s.step ? (s.step.n - 1) / s.step.of : null);

/** "Step 2/3 (RUN exit 3) failed: The command '/bin/sh -c exit 3' returned a non-zero code: 3". */
export function describeBuildError(s: BuildState): string {
  const err = s.error ?? 'the build failed';
  const said = s.step ? `Step ${s.step.n}/${s.step.of} (${s.step.text}) failed: ${err}` : `The build failed: ${err}`;
  return needsBuildKit(err) ? `${said}. ${BUILDKIT_HINT}` : said;
}

/**
 * Berth builds with the Engine's classic builder (POST /build without a BuildKit session, which only the docker
 * CLI's gRPC session can drive). Dockerfiles written for BuildKit fail there with the Engine's own words.
 */
export const BUILDER_NOTE = "Builder: the Engine's classic builder (Berth does not drive BuildKit)";
export const BUILDKIT_HINT =
  'This Dockerfile needs BuildKit (RUN --mount, COPY --link or --chmod, heredocs, a # syntax= frontend), which Berth does not drive: build it on the host with `docker buildx build`, or write it without those features';

export const needsBuildKit = (err: string) =>
  /requires BuildKit|the --mount option|--link|unknown flag: (mount|link|chmod|parents|exclude)|heredoc|syntax=/i.test(err);
