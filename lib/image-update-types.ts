/** Image update checks (issue #17 point 3): whether running containers' images are behind their registry's tag. */

export type ImageUpdateStatus = 'update-available' | 'up-to-date' | 'unknown';

/** A running container made from an image reference, as the check saw it. */
export interface ImageUpdateContainer {
  id: string;
  name: string;
  project: string | null;
  service: string | null;
  /** whether this container runs an image older than the registry's (false when the check could not tell) */
  behind: boolean;
}

/** The check's answer for one image reference on one host. */
export interface ImageUpdateView {
  hostId: string;
  /** the reference the containers were made from, e.g. "127.0.0.1:5000/app:1" */
  image: string;
  status: ImageUpdateStatus;
  /** in words: why unknown (built locally, no repo digest, registry unreachable, auth failed, rate limited until …), or what was compared */
  reason: string;
  /** the digest the registry holds for the tag now */
  remoteDigest: string | null;
  containers: ImageUpdateContainer[];
  checkedAt: string;
}

export interface ImageUpdatesAnswer {
  updates: ImageUpdateView[];
  /** a check of this host is running now */
  checking: boolean;
  lastCheckAt: string | null;
  /** null when scheduled checks are off (BERTH_IMAGE_UPDATE_MINUTES=0) */
  nextCheckAt: string | null;
  /** registries Berth leaves alone for now because they asked it to slow down */
  backoff: { registry: string; until: string }[];
}
