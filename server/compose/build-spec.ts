import type { BuildSpec } from './model';
import { toMap } from './key-values';
import type { Report } from './report';
import type { RawService } from './schema';

/** A context that names a remote source: a git repository or an HTTP(S) tarball. */
const REMOTE = /^(https?:\/\/|git:\/\/|git@|ssh:\/\/|github\.com\/)/i;

/** The image compose 1.29 (the interop client) tags a built service with when the file has no `image:`. */
export const defaultBuildImage = (project: string, service: string) => `${project.replace(/^[_-]+/, '')}_${service}`.toLowerCase();

/**
 * The name Compose v2 gives the same image (`<project>-<service>`, api.GetImageNameOrDefault). `up --no-build` of each
 * client looks only for its own name, so Berth tags a built image without `image:` with both.
 */
export const v2BuildImage = (project: string, service: string) => `${project.replace(/^[_-]+/, '')}-${service}`.toLowerCase();

/** "./web/" → "web", "." → "": the folder inside the stack folder, without "./" and trailing slashes. */
export function cleanRelative(p: string): string {
  return p
    .split('/')
    .filter((seg) => seg && seg !== '.')
    .join('/');
}

const leaves = (p: string) => p.split(/[\\/]/).includes('..');

/**
 * `build: ./dir` and `build: {context, dockerfile, args, target, labels}` → BuildSpec. A relative context is a folder of
 * the stack's uploaded folder archive; an absolute one a directory on the Berth server (checked against
 * BERTH_BUILD_CONTEXT_PATHS when it is packed). Remote contexts and paths leaving the folder are refused here.
 */
export function normalizeBuild(raw: NonNullable<RawService['build']>, env: Record<string, string>, report: Report, base: (string | number)[]): BuildSpec {
  const long = typeof raw === 'string' ? { context: raw } : raw;
  const at = typeof raw === 'string' ? base : [...base, 'context'];
  const context = long.context ?? '.';
  const spec: BuildSpec = {
    context: context.startsWith('/') ? context.replace(/\/+$/, '') || '/' : cleanRelative(context) || '.',
    dockerfile: long.dockerfile ? cleanRelative(long.dockerfile) : null,
    args: toMap(long.args, env),
    target: long.target || null,
    labels: toMap(long.labels),
  };
  if (REMOTE.test(context))
    report(
      at,
      `build context "${context}" is a remote repository or URL; Berth builds only from the stack's uploaded folder or a directory on the Berth server`,
    );
  else if (leaves(context)) report(at, `build context "${context}" leaves the stack's folder (".."); use a folder inside it`);
  else if (/^~|^[A-Za-z]:[\\/]/.test(context))
    report(at, `build context "${context}" is not a folder of the stack (like . or ./web) nor an absolute path on the Berth server`);
  if (long.dockerfile !== undefined) {
    const dAt = [...base, 'dockerfile'];
    if (long.dockerfile.startsWith('/')) report(dAt, `build.dockerfile "${long.dockerfile}" must be a path inside the build context, not an absolute path`);
    else if (leaves(long.dockerfile)) report(dAt, `build.dockerfile "${long.dockerfile}" leaves the build context (".."); put the Dockerfile inside it`);
  }
  return spec;
}
