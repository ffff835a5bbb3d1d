'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowUpCircle, RefreshCw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { call } from '@/lib/api-client';
import type { OperationView } from '@/lib/compose-types';
import type { ImageUpdatesAnswer, ImageUpdateView } from '@/lib/image-update-types';
import { qk } from '@/lib/query-keys';

/**
 * Image update checks in the browser (server/images/updates.ts): the last answers of a host, read from memory on the
 * server and refetched when the live stream says a status changed. Each caller selects what it needs.
 */
export function useImageUpdates<T>(hostId: string | undefined, select: (a: ImageUpdatesAnswer) => T): T | undefined {
  return useQuery({
    queryKey: qk.imageUpdates(hostId ?? ''),
    queryFn: () => call('GET /api/v1/hosts/{id}/images/updates', { id: hostId! }),
    enabled: !!hostId,
    staleTime: 60_000,
    select,
  }).data;
}

/** The answer that says a container runs an image older than its registry's, if one does. */
export const behindFor = (containerId: string) => (a: ImageUpdatesAnswer) =>
  a.updates.find((u) => u.status === 'update-available' && u.containers.some((c) => c.id === containerId && c.behind)) ?? null;

/** "busybox" and "busybox:latest" are one reference: image rows always carry the tag. */
export const withTag = (ref: string) => (/:[^/]+$/.test(ref) || ref.includes('@') ? ref : `${ref}:latest`);

export function UpdateBadge({ u }: { u: Pick<ImageUpdateView, 'image' | 'reason'> | null | undefined }) {
  if (!u) return null;
  return (
    <span data-testid="update-available" data-image={u.image}>
      <Badge tone="violet" title={`Update available for ${u.image}: ${u.reason}`}>
        <ArrowUpCircle className="size-3" aria-hidden />
        Update available
      </Badge>
    </span>
  );
}

/** Unknowns worth telling (the registry could not answer); built locally, no repo digest and pinned are not news. */
const REGISTRY_PROBLEM = /^(auth failed|registry unreachable|rate limited|not in the registry)/;

/** A grey mark on an image row whose registry could not be asked, with the reason in words. */
export function CheckProblemBadge({ u }: { u: Pick<ImageUpdateView, 'image' | 'reason' | 'status'> | null | undefined }) {
  if (!u || u.status !== 'unknown' || !REGISTRY_PROBLEM.test(u.reason)) return null;
  return (
    <span data-testid="update-unknown" data-image={u.image}>
      <Badge tone="grey" title={`Could not check ${u.image} for updates: ${u.reason}`}>
        Update check failed
      </Badge>
    </span>
  );
}

/** "Check for updates": asks the registries now about every image the running containers of these hosts use. */
export function CheckUpdatesButton({ hostIds }: { hostIds: string[] }) {
  const client = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const answers = await Promise.all(
        hostIds.map(async (id) => {
          const a = await call('POST /api/v1/hosts/{id}/images/updates', { id }, { wait: true });
          client.setQueryData(qk.imageUpdates(id), a);
          return a;
        }),
      );
      const all = answers.flatMap((a) => a.updates);
      const n = all.filter((u) => u.status === 'update-available').length;
      const unknown = all.filter((u) => u.status === 'unknown').length;
      toast(
        'success',
        `${n ? `${n} image${n === 1 ? ' has' : 's have'} an update` : 'No updates'} · ${all.length} checked${unknown ? ` (${unknown} could not be: see the reason on each)` : ''}`,
      );
    } catch (e) {
      toast('error', (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void run()} disabled={!hostIds.length || busy}>
      <RefreshCw aria-hidden className={busy ? 'animate-spin' : undefined} />
      {busy ? 'Checking…' : 'Check for updates'}
    </Button>
  );
}

/**
 * Update: pulls the newer image and recreates the container with its settings (or, for a stack service, starts the
 * stack operation, handed to `onOperation` to follow).
 */
export function UpdateButton({ hostId, containerId, onOperation }: { hostId: string; containerId: string; onOperation?: (op: OperationView) => void }) {
  const toast = useToast();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await call('POST /api/v1/hosts/{id}/containers/{cid}/update-image', { id: hostId, cid: containerId }, { wait: false });
      toast('success', r.message);
      if (r.operation) onOperation?.(r.operation);
      void client.invalidateQueries({ queryKey: qk.imageUpdates(hostId) });
    } catch (e) {
      toast('error', (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="sm" onClick={() => void run()} disabled={busy} data-testid="update-image">
      <ArrowUpCircle aria-hidden />
      {busy ? 'Updating…' : 'Update'}
    </Button>
  );
}

/** A container page's note: the badge and Update, when its image is behind; a stack service's update is followed on the stack page. */
export function ContainerUpdate({ hostId, containerId, project }: { hostId: string; containerId: string; project: string | null }) {
  const u = useImageUpdates(hostId, behindFor(containerId));
  const client = useQueryClient();
  const router = useRouter();
  if (!u) return null;
  const follow = (op: OperationView) => {
    if (!project) return;
    client.setQueryData(qk.stackOperation(hostId, project, op.id), op);
    router.push(`/hosts/${encodeURIComponent(hostId)}/stacks/${encodeURIComponent(project)}?op=${encodeURIComponent(op.id)}`);
  };
  return (
    <span className="flex items-center gap-2">
      <UpdateBadge u={u} />
      <UpdateButton hostId={hostId} containerId={containerId} onOperation={follow} />
    </span>
  );
}
