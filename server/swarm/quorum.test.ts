import { describe, expect, it } from 'vitest';
import { assessQuorum, leaderlessQuorum, NO_LEADER, quorumOf, toleranceOf } from './quorum';

describe('swarm quorum', () => {
  it('needs floor(M/2)+1 managers and tolerates the rest', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(quorumOf)).toEqual([1, 2, 2, 3, 3, 4, 4]);
    expect([1, 2, 3, 4, 5, 6, 7].map(toleranceOf)).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it('says nothing about one manager, or three all reachable', () => {
    expect(assessQuorum(1, 1)).toEqual({ managers: 1, reachable: 1, needed: 1, tolerates: 0, warnings: [] });
    expect(assessQuorum(3, 3).warnings).toEqual([]);
  });

  it('warns about an even number of managers, in words naming what it costs', () => {
    expect(assessQuorum(2, 2).warnings).toEqual([
      {
        kind: 'even',
        message:
          'An even number of managers adds no fault tolerance: 2 managers tolerate the loss of 0, as many as 1 would. Promote a worker to make 3, or demote one to make 1.',
      },
    ]);
    expect(assessQuorum(4, 4).warnings[0].message).toContain('4 managers tolerate the loss of 1, as many as 3 would');
  });

  it('warns when one more loss would lose quorum, and when it is lost', () => {
    expect(assessQuorum(3, 2).warnings).toEqual([
      {
        kind: 'at-risk',
        message:
          'Losing one more manager loses quorum: 2 of 3 managers are reachable and the swarm needs 2. Bring the unreachable managers back, or remove them and promote workers.',
      },
    ]);
    expect(assessQuorum(5, 4).warnings).toEqual([]);
    expect(assessQuorum(5, 3).warnings.map((w) => w.kind)).toEqual(['at-risk']);
    const lost = assessQuorum(3, 1).warnings;
    expect(lost.map((w) => w.kind)).toEqual(['lost']);
    expect(lost[0].message).toBe(
      'Quorum is lost: only 1 of 3 managers are reachable and the swarm needs 2. Nothing in the swarm can be changed until enough managers are back.',
    );
    expect(assessQuorum(4, 3).warnings.map((w) => w.kind)).toEqual(['even', 'at-risk']);
  });

  it("says in words what a manager that sees no leader means (the Engine's 503), and what to do", () => {
    const q = leaderlessQuorum(2);
    expect(q).toMatchObject({ managers: 2, reachable: 1, needed: 2, tolerates: 0 });
    expect(q.warnings).toEqual([
      {
        kind: 'lost',
        message:
          'Quorum is lost: this manager sees no leader, and a leader needs 2 of the swarm\'s 2 managers. Nothing in the swarm can be changed and its nodes cannot be listed until enough managers are back: start the stopped managers again. If they are gone for good, "docker swarm init --force-new-cluster" on this manager makes it the only one, keeping the services.',
      },
    ]);
    expect(leaderlessQuorum(0).managers).toBe(1);
    expect(NO_LEADER.test("rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online.")).toBe(true);
    expect(NO_LEADER.test('rpc error: code = Unavailable desc = raft: no elected cluster leader')).toBe(true);
    expect(NO_LEADER.test('node not found')).toBe(false);
  });
});
