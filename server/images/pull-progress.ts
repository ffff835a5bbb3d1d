import type { TaskLayer } from '@/lib/types';

/** One JSON message of the Engine's pull stream (POST /images/create). */
export interface PullEvent {
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

export interface PullState {
  /** layers in the order the Engine first named them */
  layers: TaskLayer[];
  /** the latest line that is not about one layer ("Pulling from …", "Digest: …", "Status: …") */
  message: string | null;
  digest: string | null;
  error: string | null;
}

export const initialPullState: PullState = { layers: [], message: null, digest: null, error: null };

// A layer's way: downloading is the larger part of the bar, extracting the rest. The weights only shape the bar.
const DOWNLOAD_SHARE = 0.7;
const DONE = new Set(['Pull complete', 'Already exists']);
const DOWNLOADED = new Set(['Verifying Checksum', 'Download complete']);

function fractionOf(status: string, current: number | null, total: number | null): number {
  const part = current !== null && total ? Math.min(1, current / total) : 0;
  if (DONE.has(status)) return 1;
  if (status === 'Downloading') return DOWNLOAD_SHARE * part;
  if (DOWNLOADED.has(status)) return DOWNLOAD_SHARE;
  if (status === 'Extracting') return DOWNLOAD_SHARE + (1 - DOWNLOAD_SHARE) * part;
  return 0;
}

/**
 * Folds one Engine progress message into the pull's state (pure). Layer messages are the ones carrying
 * `progressDetail` with an id; the others are status lines. A layer's fraction never goes back, because the Engine
 * can send a late "Downloading" after "Download complete" when messages of parallel downloads interleave.
 */
export function reducePull(state: PullState, ev: PullEvent): PullState {
  if (ev.error || ev.errorDetail?.message) return { ...state, error: ev.errorDetail?.message ?? ev.error ?? 'pull failed' };
  const status = ev.status ?? '';
  if (ev.id && ev.progressDetail !== undefined) {
    const current = typeof ev.progressDetail.current === 'number' ? ev.progressDetail.current : null;
    const total = typeof ev.progressDetail.total === 'number' && ev.progressDetail.total > 0 ? ev.progressDetail.total : null;
    const i = state.layers.findIndex((l) => l.id === ev.id);
    const prev = i >= 0 ? state.layers[i] : null;
    const fraction = Math.max(prev?.fraction ?? 0, fractionOf(status, current, total));
    const layer: TaskLayer = { id: ev.id, status, current, total: total ?? (status === prev?.status ? prev.total : null), fraction };
    const layers = i >= 0 ? state.layers.map((l, j) => (j === i ? layer : l)) : [...state.layers, layer];
    return { ...state, layers };
  }
  const digest = /^Digest: (sha256:[a-f0-9]{64})/.exec(status)?.[1];
  return { ...state, message: status || state.message, digest: digest ?? state.digest };
}

/** The whole pull's progress: the mean of its layers' fractions; null before the Engine named any layer. */
export function pullFraction(state: PullState): number | null {
  if (!state.layers.length) return null;
  return state.layers.reduce((n, l) => n + l.fraction, 0) / state.layers.length;
}
