import { isBerthError } from '../errors';

/**
 * Swarm objects are updated at a version index: the Engine refuses an update made from an older read ("update out of
 * sequence") when someone else changed the object in between. `run` reads the object afresh each time, so one retry
 * applies the change on top of the other; a second conflict is passed on.
 */
export async function retryOutOfSequence<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isBerthError(e) && /out of sequence/i.test(e.message)) return run();
    throw e;
  }
}
