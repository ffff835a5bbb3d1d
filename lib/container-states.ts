/** The Engine's container states. Apart from lib/schemas so that the browser's filters need no zod to list them. */
export const CONTAINER_STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;

/** What a user may do to a container (POST …/containers/{cid}/{action}). */
export const CONTAINER_ACTIONS = ['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'rename', 'remove'] as const;

/** Each action in the past tense: the action's answer ("Container web stopped") and the Activity page's sentence. */
export const CONTAINER_ACTION_PAST: Record<(typeof CONTAINER_ACTIONS)[number], string> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  kill: 'killed',
  pause: 'paused',
  unpause: 'unpaused',
  rename: 'renamed',
  remove: 'removed',
};
