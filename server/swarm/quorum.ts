import type { Quorum, QuorumWarning } from '@/lib/swarm-types';

const managersWord = (n: number) => `${n} manager${n === 1 ? '' : 's'}`;

/** Raft needs a majority of the managers: floor(M/2)+1. */
export const quorumOf = (managers: number) => Math.floor(managers / 2) + 1;

/** How many managers may be lost while a majority remains. */
export const toleranceOf = (managers: number) => Math.max(0, managers - quorumOf(managers));

/**
 * The managers' standing in plain words. A single manager has no fault tolerance by design (a small swarm's usual
 * shape), so it is not warned about; what is: an even count, which costs a manager and buys nothing, and a swarm that
 * has already lost managers down to the bare majority, where one more loss stops every change to the swarm.
 */
export function assessQuorum(managers: number, reachable: number): Quorum {
  const needed = quorumOf(managers);
  const tolerates = toleranceOf(managers);
  const warnings: QuorumWarning[] = [];
  if (managers > 0 && managers % 2 === 0) {
    warnings.push({
      kind: 'even',
      message:
        `An even number of managers adds no fault tolerance: ${managersWord(managers)} tolerate the loss of ${tolerates}, ` +
        `as many as ${managers - 1} would. Promote a worker to make ${managers + 1}, or demote one to make ${managers - 1}.`,
    });
  }
  if (reachable < needed) {
    warnings.push({
      kind: 'lost',
      message:
        `Quorum is lost: only ${reachable} of ${managersWord(managers)} are reachable and the swarm needs ${needed}. ` +
        'Nothing in the swarm can be changed until enough managers are back.',
    });
  } else if (reachable === needed && reachable < managers) {
    warnings.push({
      kind: 'at-risk',
      message:
        `Losing one more manager loses quorum: ${reachable} of ${managersWord(managers)} are reachable and the swarm needs ${needed}. ` +
        'Bring the unreachable managers back, or remove them and promote workers.',
    });
  }
  return { managers, reachable, needed, tolerates, warnings };
}

/** What a manager's Engine says when its swarm has no leader (swarmkit's words and moby's; the answer is HTTP 503). */
export const NO_LEADER = /does not have a leader|no elected cluster leader|too few managers are online/i;

/**
 * The standing of a swarm whose manager sees no leader: quorum is lost, and with it the node list (every read of
 * the swarm's state goes through the leader). All that is known is how many managers this node knows of, and that
 * this one answers; the message says what to do in plain words instead of the Engine's error.
 */
export function leaderlessQuorum(managers: number): Quorum {
  const known = Math.max(1, managers);
  const needed = quorumOf(known);
  return {
    managers: known,
    reachable: 1,
    needed,
    tolerates: toleranceOf(known),
    warnings: [
      {
        kind: 'lost',
        message:
          `Quorum is lost: this manager sees no leader, and a leader needs ${needed} of the swarm's ${managersWord(known)}. ` +
          'Nothing in the swarm can be changed and its nodes cannot be listed until enough managers are back: start the stopped managers again. ' +
          'If they are gone for good, "docker swarm init --force-new-cluster" on this manager makes it the only one, keeping the services.',
      },
    ],
  };
}
