import type { AlertTransition } from '@/lib/alert-types';
import type { Berth } from '../../berth';
import { DeliveryQueue } from './queue';
import { attemptDelivery, recordDelivery } from './deliver';

/**
 * The rule engine's way out: hands an alert change to its channels and returns at once. Sending happens in the
 * background (server/alerts/channels/queue.ts), so a slow or dead receiver never holds up the event path.
 *
 * The queue is kept per Berth on globalThis: the custom server and Next's compiled route handlers load separate copies
 * of this module, and they must share one queue (and one bound on memory).
 */
const KEY = Symbol.for('berth.alert-delivery-queues');
type Holder = { [KEY]?: WeakMap<Berth, DeliveryQueue> };

function deliveryQueue(b: Berth): DeliveryQueue {
  const holder = globalThis as Holder;
  const queues = (holder[KEY] ??= new WeakMap());
  let q = queues.get(b);
  if (!q) {
    const queue = new DeliveryQueue({
      attempt: (job) => attemptDelivery(b, job),
      record: async (job, outcome, status) => {
        await recordDelivery(b, job, outcome, status);
      },
    });
    queues.set(b, queue);
    b.onClose(() => queue.close());
    q = queue;
  }
  return q;
}

/** Synchronous and never throws: enqueues one delivery per channel. */
export function dispatchAlert(b: Berth, t: AlertTransition, channelIds: string[]): void {
  try {
    const q = deliveryQueue(b);
    for (const id of new Set(channelIds)) q.enqueue(id, t);
  } catch {
    // the event path must go on whatever happens here; a failure to enqueue has nowhere better to go
  }
}
