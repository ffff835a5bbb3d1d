import type { Berth } from '../berth';
import { deployedBy, type StackRecord } from '../stacks/repo';
import { principalFor } from './credentials';
import type { Principal } from './policy';
import { findUserByName } from './users';

/**
 * Whom Berth acts for when it changes a stack by itself (a health check recreating a replica): the user who deployed
 * the running version, with the role they hold now. A user gone or disabled, or a stack no one deployed through
 * Berth, holds no role, so the operator policy applies: Berth never creates for nobody what an operator may not.
 */
export async function deployerOf(b: Berth, stack: StackRecord): Promise<Principal> {
  const name = await deployedBy(b.db, stack);
  const user = name ? await findUserByName(b.db, name) : undefined;
  if (user && !user.disabled) return principalFor(b, user, 'session');
  return { kind: 'session', userId: '', name: name ?? 'berth', userKind: 'local', roleOn: () => null, readableHosts: () => new Set() };
}
