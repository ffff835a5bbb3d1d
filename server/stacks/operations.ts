import crypto from 'node:crypto';
import type { OperationKind, OperationStatus, OperationView, ServiceProgress, ServiceProgressState } from '@/lib/compose-types';
import { writeAudit } from '../audit/log';
import type { Db } from '../db';
import type { StackOperationsTable } from '../db/schema';
import { BerthError, notFound } from '../errors';
import type { TaskRegistry } from '../tasks/registry';
import { showOperationAsTask } from './operation-task';

/**
 * Deploys and other stack actions are operations: an id, a per-stack lock, progress per service, and a final state,
 * all in the store. The locks live in this process (Berth's `operations`); a row still "running" under another
 * process's runner id was cut short by a restart and is marked interrupted.
 */
export class StackOperations {
  /** this process's id in the `runner` column */
  runner: string = crypto.randomUUID();
  /** the running operation of each locked stack, by host/stack */
  readonly held = new Map<string, Operation>();
  /** told when any operation ends (the alert engine's deploy-failed rule); synchronous and must not throw */
  readonly finished = new Set<(op: Operation) => void>();
}

/** What operations need of Berth (a Berth itself will do). */
export type OperationsContext = { db: Db; operations: StackOperations; tasks: TaskRegistry };

const lockKey = (hostId: string, name: string) => `${hostId}/${name}`;
const MAX_LOG = 500;

export class Operation {
  readonly services: ServiceProgress[];
  readonly log: OperationView['log'] = [];
  status: OperationStatus = 'running';
  error: string | null = null;
  finishedAt: string | null = null;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private listeners = new Set<() => void>();

  constructor(
    private db: Db,
    private locks: StackOperations,
    readonly id: string,
    readonly hostId: string,
    readonly stackName: string,
    readonly kind: OperationKind,
    readonly startedBy: string,
    readonly startedAt: string,
    services: string[],
  ) {
    this.services = services.map((s) => ({ service: s, state: 'pending', message: '' }));
  }

  /** Sets one service's state and latest message, and logs the message. */
  step(service: string, state: ServiceProgressState, message: string): void {
    let p = this.services.find((s) => s.service === service);
    if (!p) this.services.push((p = { service, state, message }));
    p.state = state;
    p.message = message;
    this.note(message, service);
  }

  note(message: string, service?: string): void {
    this.log.push({ at: new Date().toISOString(), ...(service ? { service } : {}), message });
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    this.save();
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  view(): OperationView {
    const { id, hostId, stackName, kind, status, startedBy, startedAt, finishedAt, error } = this;
    return { id, hostId, stackName, kind, status, startedBy, startedAt, finishedAt, error, services: this.services.map((s) => ({ ...s })), log: [...this.log] };
  }

  /** Ends the operation, writes its final state and releases the stack's lock. */
  async finish(status: Exclude<OperationStatus, 'running'>, error?: string): Promise<void> {
    this.status = status;
    this.error = error ?? null;
    this.finishedAt = new Date().toISOString();
    for (const s of this.services)
      if (s.state === 'pending' || s.state === 'waiting' || s.state === 'working') s.state = status === 'succeeded' ? 'done' : 'skipped';
    if (error) this.note(error);
    this.save();
    await this.writing;
    this.locks.held.delete(lockKey(this.hostId, this.stackName));
    await this.audit();
    for (const fn of this.listeners) fn();
    for (const fn of this.locks.finished) fn(this);
  }

  /**
   * The request that started an operation is audited when it is accepted (202), before the outcome is known; this
   * entry records how it ended, so a failed deploy reads as failed in the Activity log. Health-driven recreates are
   * left out: the health checker writes its own stack.health.recreate entry.
   */
  private async audit(): Promise<void> {
    if (this.kind === 'recreate') return;
    await writeAudit(this.db, {
      actor: this.startedBy,
      actorKind: 'stack operation',
      action: `stack.${this.kind}`,
      hostId: this.hostId,
      target: `name=${this.stackName}`,
      result: this.status === 'succeeded' ? 'ok' : 'error',
      error: this.error,
      details: { operationId: this.id, status: this.status },
    }).catch((e) => console.warn(`berth: could not audit stack operation ${this.id}: ${(e as Error).message}`));
  }

  /** Writes are chained so they land in order; a burst of steps becomes one write of the latest state. */
  private save(): void {
    for (const fn of this.listeners) fn();
    if (this.dirty) return;
    this.dirty = true;
    this.writing = this.writing.then(async () => {
      this.dirty = false;
      await this.db
        .updateTable('stack_operations')
        .set({ status: this.status, error: this.error, finished_at: this.finishedAt, progress: JSON.stringify({ services: this.services, log: this.log }) })
        .where('id', '=', this.id)
        .execute()
        .catch((e) => console.warn(`berth: could not save stack operation ${this.id}: ${(e as Error).message}`));
    });
  }
}

/** Marks operations left "running" by another (dead) Berth process as interrupted. */
export async function reconcileOperations({ db, operations }: OperationsContext): Promise<void> {
  await db
    .updateTable('stack_operations')
    .set({ status: 'interrupted', finished_at: new Date().toISOString(), error: 'Berth restarted while this operation ran; check the stack and deploy again' })
    .where('status', '=', 'running')
    .where('runner', '!=', operations.runner)
    .execute();
}

/** Takes the stack's lock and records a new operation; a second one while the first runs is a 409 naming it. */
export async function beginOperation(
  b: OperationsContext,
  hostId: string,
  stackName: string,
  kind: OperationKind,
  by: string,
  services: string[],
): Promise<Operation> {
  await reconcileOperations(b);
  const { db, operations } = b;
  const key = lockKey(hostId, stackName);
  const held = operations.held.get(key);
  if (held) {
    throw new BerthError(
      'conflict',
      `Stack ${stackName} is busy: ${held.kind} ${held.id} started by ${held.startedBy} at ${held.startedAt} is still running; wait for it to finish`,
      {
        operationId: held.id,
        startedBy: held.startedBy,
      },
    );
  }
  const op = new Operation(db, operations, crypto.randomUUID(), hostId, stackName, kind, by, new Date().toISOString(), services);
  operations.held.set(key, op);
  try {
    await db
      .insertInto('stack_operations')
      .values({
        id: op.id,
        host_id: hostId,
        stack_name: stackName,
        kind,
        status: 'running',
        runner: operations.runner,
        started_by: by,
        started_at: op.startedAt,
        finished_at: null,
        error: null,
        progress: JSON.stringify({ services: op.services, log: [] }),
      })
      .execute();
  } catch (e) {
    operations.held.delete(key);
    throw e;
  }
  // A health-driven recreate is Berth's own repair, recorded by the checker; the rest are work a user started.
  if (kind !== 'recreate') showOperationAsTask(b, op);
  return op;
}

/** The live operation when this process runs it, else the stored row. */
export async function getOperation(b: OperationsContext, hostId: string, id: string): Promise<OperationView> {
  for (const op of b.operations.held.values()) if (op.id === id) return op.view();
  await reconcileOperations(b);
  const row = await b.db.selectFrom('stack_operations').selectAll().where('id', '=', id).where('host_id', '=', hostId).executeTakeFirst();
  if (!row) throw notFound(`No stack operation ${id} on this host`);
  return toView(row);
}

export const liveOperation = (b: Pick<OperationsContext, 'operations'>, id: string): Operation | undefined =>
  [...b.operations.held.values()].find((o) => o.id === id);

export async function listOperations(b: OperationsContext, hostId: string, stackName: string, limit = 20): Promise<OperationView[]> {
  await reconcileOperations(b);
  const rows = await b.db
    .selectFrom('stack_operations')
    .selectAll()
    .where('host_id', '=', hostId)
    .where('stack_name', '=', stackName)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => liveOperation(b, r.id)?.view() ?? toView(r));
}

function toView(r: StackOperationsTable): OperationView {
  const p = JSON.parse(r.progress) as { services: ServiceProgress[]; log: OperationView['log'] };
  return {
    id: r.id,
    hostId: r.host_id,
    stackName: r.stack_name,
    kind: r.kind as OperationKind,
    status: r.status,
    startedBy: r.started_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
    services: p.services,
    log: p.log,
  };
}

/** For tests of a restart: forget this process's runner id, as a new process would have a different one. */
export function simulateRestartForTests(b: Pick<OperationsContext, 'operations'>): void {
  b.operations.runner = crypto.randomUUID();
  b.operations.held.clear();
}
