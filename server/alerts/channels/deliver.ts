import type { AlertTransition } from '@/lib/alert-types';
import type { Berth } from '../../berth';
import type { AttemptOutcome, DeliveryJob } from './queue';

/** One attempt to send `t` to a channel. (Being built: channels land next.) */
export async function attemptDelivery(_b: Berth, _channelId: string, _t: AlertTransition): Promise<AttemptOutcome> {
  return { ok: false, response: null, error: 'channels are not built yet', retry: false };
}

export async function recordDelivery(_b: Berth, _job: DeliveryJob, _o: AttemptOutcome, _status: string): Promise<void> {}
