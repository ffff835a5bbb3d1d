'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Check, ConfirmDialog } from '@/components/ui/confirm-dialog';
import { shortId } from '@/lib/format';
import type { ImageSummary } from '@/lib/types';
import { imagesApi } from './api';

interface Props {
  row: ImageSummary;
  onClose: () => void;
  onDone: () => void;
}

const ACTIVE = ['running', 'paused', 'restarting'];

/** Removing a row removes that tag; the image itself goes only with its last tag (or when it has none). */
export function RemoveImageDialog({ row, onClose, onDone }: Props) {
  const [force, setForce] = useState(false);
  const untagOnly = Boolean(row.ref) && row.tagCount > 1;
  const name = row.ref ?? shortId(row.id);
  const running = row.usedBy.filter((u) => ACTIVE.includes(u.state));
  return (
    <ConfirmDialog
      open
      onClose={onClose}
      title={untagOnly ? `Remove tag ${name}?` : `Remove image ${name}?`}
      description={
        untagOnly
          ? `Image ${shortId(row.id)} keeps its other ${row.tagCount - 1 === 1 ? 'tag' : `${row.tagCount - 1} tags`}.`
          : 'The image and its unused layers are deleted. This cannot be undone.'
      }
      confirmLabel={untagOnly ? 'Remove tag' : 'Remove image'}
      run={() => imagesApi.remove(row.hostId, row.id, { ref: row.ref ?? undefined, force })}
      onDone={onDone}
    >
      {!untagOnly && row.usedBy.length ? (
        <Alert tone="warning">
          Used by {row.usedBy.map((u) => `${u.name} (${u.state})`).join(', ')}. Without force, Berth refuses.
          {running.length
            ? row.ref
              ? ' With force, an image a running container uses is only untagged, not deleted.'
              : ' Even with force, an image a running container uses cannot be deleted: stop it first.'
            : ' With force, the containers stay but lose their image.'}
        </Alert>
      ) : null}
      <Check id="image-force" label="Force" checked={force} onChange={setForce} hint="Remove even when containers use it, or when it has several tags." />
    </ConfirmDialog>
  );
}
