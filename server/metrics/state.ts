import type { EngineEvent } from '../docker/events';
import type { Fleet } from '../live/fleet';
import type { StackOperations } from '../stacks/operations';

/**
 * What /metrics counts between scrapes (the Berth's `metrics`): stack operations by kind and outcome since the start
 * (fed by the operations' end hook), and, per host, how late Engine events are handled (the event's own time against
 * the moment the host runtime reads it, fed by the fleet's event tap). Everything else is read at scrape time.
 */
export class MetricsState {
  /** `${kind} ${outcome}` → count */
  readonly operations = new Map<string, number>();
  /** hostId → seconds between the latest Engine event's time and its handling */
  readonly eventLag = new Map<string, number>();
  private readonly stops: (() => void)[] = [];

  constructor(fleet: Fleet, operations: StackOperations) {
    const onEvent = (hostId: string, e: EngineEvent) => {
      const at = e.timeNano ? e.timeNano / 1e6 : e.time * 1000;
      // the Engine's clock and Berth's may differ a little: a negative lag is read as none
      if (at) this.eventLag.set(hostId, Math.max(0, (Date.now() - at) / 1000));
    };
    const onFinished = (op: { kind: string; status: string }) => {
      const key = `${op.kind} ${op.status}`;
      this.operations.set(key, (this.operations.get(key) ?? 0) + 1);
    };
    fleet.engineEvents.add(onEvent);
    operations.finished.add(onFinished);
    this.stops.push(
      () => fleet.engineEvents.delete(onEvent),
      () => operations.finished.delete(onFinished),
    );
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s();
  }
}
