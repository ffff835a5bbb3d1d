import type { ImageUpdateContainer, ImageUpdateStatus } from '@/lib/image-update-types';
import { canonicalRepo } from './registry-head';

/** A running container and the RepoDigests of the image it runs (null: that image could not be read). */
export interface RunningImage {
  id: string;
  name: string;
  project: string | null;
  service: string | null;
  repoDigests: string[] | null;
}

/** What can be said before asking the registry: a reason to be unknown, or null to go and ask. */
export function localProblem(ref: string, running: RunningImage[]): string | null {
  if (ref.includes('@')) return 'pinned to a digest: the reference cannot move, so there is nothing to update';
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(ref)) return 'no image reference: the container was made from an image id';
  if (running.every((r) => r.repoDigests !== null && r.repoDigests.length === 0))
    return 'built locally: the image has no repo digest (it was built or imported on the host, never pulled or pushed)';
  // nothing to compare the registry's answer with, so the registry is not asked at all
  const repo = canonicalRepo(ref);
  if (running.every((r) => r.repoDigests !== null && !r.repoDigests.some((d) => canonicalRepo(d) === repo)))
    return `no repo digest: the image was never pulled from or pushed to ${repo} (it was tagged from another image), so there is nothing to compare`;
  return null;
}

/**
 * The verdict for one reference once the registry has said which digest its tag points to. A container is behind when
 * the image it runs has repo digests for that repository and none is the registry's (a multi-arch index digest is
 * what a pull by tag records, so it matches); it is not known when its image has none for the repository.
 */
export function compareDigests(
  ref: string,
  remoteDigest: string,
  running: RunningImage[],
): { status: ImageUpdateStatus; reason: string; containers: ImageUpdateContainer[] } {
  const repo = canonicalRepo(ref);
  let unknown = 0;
  const containers = running.map(({ repoDigests, ...c }) => {
    const mine = (repoDigests ?? []).filter((d) => canonicalRepo(d) === repo).map((d) => d.slice(d.indexOf('@') + 1));
    if (!mine.length) unknown++;
    return { ...c, behind: mine.length > 0 && !mine.includes(remoteDigest) };
  });
  const behind = containers.filter((c) => c.behind).length;
  if (behind)
    return {
      status: 'update-available',
      reason: `the registry's ${ref} is ${short(remoteDigest)}; ${behind === containers.length ? 'every container runs' : `${behind} of ${containers.length} containers run`} an older image`,
      containers,
    };
  if (unknown)
    return {
      status: 'unknown',
      reason: `no repo digest: the image ${unknown === containers.length ? '' : `of ${unknown} container${unknown === 1 ? '' : 's'} `}has no digest from ${repo} to compare with (it was tagged from another image)`,
      containers,
    };
  return { status: 'up-to-date', reason: `matches the registry's digest ${short(remoteDigest)}`, containers };
}

const short = (d: string) => d.replace(/^sha256:/, '').slice(0, 12);
