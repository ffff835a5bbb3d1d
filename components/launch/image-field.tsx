'use client';

import { useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { imagesApi } from '@/components/images/api';
import { qk } from '@/lib/query-keys';
import { CheckField, TextField } from './fields';
import type { LaunchFormValues } from './form-model';
import { plural } from '@/lib/words';

/** The image reference, suggesting the repo:tags already on the chosen host (from the images API). */
export function ImageField() {
  const hostId = useWatch<LaunchFormValues, 'hostId'>({ name: 'hostId' });
  const images = useQuery({ queryKey: qk.images(hostId), queryFn: () => imagesApi.list(hostId), enabled: Boolean(hostId), staleTime: 30_000 });
  const refs = [...new Set((images.data ?? []).map((i) => i.ref).filter((r): r is string => Boolean(r)))].sort();
  return (
    <div className="flex flex-col gap-2">
      <TextField
        name="image"
        label="Image"
        placeholder="nginx:1.27"
        list="launch-image-tags"
        mono
        hint={refs.length ? `${plural(refs.length, 'image')} on this host ${refs.length === 1 ? 'is' : 'are'} suggested as you type.` : undefined}
      />
      <datalist id="launch-image-tags" data-testid="launch-image-tags">
        {refs.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <CheckField name="pullIfMissing" label="Pull if missing" hint="Pull the image from its registry when the host does not have it." />
    </div>
  );
}
