/** The Engine's container states. Apart from lib/schemas so that the browser's filters need no zod to list them. */
export const CONTAINER_STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;
