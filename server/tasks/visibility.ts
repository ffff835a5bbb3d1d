import type { TaskView } from '@/lib/types';
import type { Principal } from '../auth/policy';
import type { TaskRegistry } from './registry';

/** A task about a host is shown to whoever holds a role on that host; Berth-wide tasks to everyone signed in. */
export const canSee = (p: Principal, t: TaskView) => (t.hostId ? p.roleOn(t.hostId) !== null : true);

export const visibleTasks = (tasks: TaskRegistry, p: Principal): TaskView[] => tasks.list().filter((t) => canSee(p, t));
