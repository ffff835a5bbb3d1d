import type { Berth } from '../berth';
import { dataRoot, dataRootUsage, dockerTotal } from '../docker/alert-calls';
import { probeConfig } from '../health/probe';
import type { AlertEvent, Rule } from './evaluate';

/**
 * The disk-usage rule's scheduled check (every alertTuning.diskMs), off the event path. Per online host some rule
 * covers: the data root from /info, then the filesystem's use from `df` in a one-shot container of the health probe
 * image (BERTH_HEALTH_PROBE_IMAGE: any busybox has df) when a rule asks for a percent, and Docker's own total from
 * /system/df when a rule asks for GiB. A host where the check cannot run (no probe image, not Linux) gets one warning
 * per distinct reason in the server log and no verdict: a failed check is not a full disk.
 */
export async function checkDisks(b: Berth, rules: Rule[], emit: (e: AlertEvent) => void, warn: (hostId: string, msg: string) => void): Promise<void> {
  for (const h of b.fleet.hosts()) {
    if (h.status !== 'online') continue;
    const covering = rules.filter((r) => !r.hostId || r.hostId === h.id);
    if (!covering.length) continue;
    const engine = b.fleet.runtime(h.id).engine;
    const wantPercent = covering.some((r) => r.full.percent !== undefined);
    const wantTotal = covering.some((r) => r.full.totalGiB !== undefined);
    try {
      const root = await dataRoot(engine);
      if (!root) {
        warn(h.id, `disk alert: host ${h.name} is not a Linux Engine with a data root; its disk is not checked`);
        continue;
      }
      let usage: { used: number; size: number; percent: number } | null = null;
      if (wantPercent) {
        usage = await dataRootUsage(engine, probeConfig.image, root).catch((e: Error) => {
          warn(h.id, `disk alert: could not measure ${root} on ${h.name} with ${probeConfig.image} (BERTH_HEALTH_PROBE_IMAGE): ${e.message}`);
          return null;
        });
      }
      const total = wantTotal ? await dockerTotal(engine) : null;
      emit({
        type: 'disk',
        hostId: h.id,
        hostName: h.name,
        at: Date.now(),
        root,
        percent: usage?.percent ?? null,
        used: usage?.used ?? null,
        size: usage?.size ?? null,
        dockerTotal: total,
      });
    } catch (e) {
      warn(h.id, `disk alert: check of ${h.name} failed: ${(e as Error).message}`);
    }
  }
}
