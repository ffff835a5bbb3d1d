'use client';

import dynamic from 'next/dynamic';
import { type ComponentType, useState } from 'react';

/**
 * A dialog whose code (its form, the zod schema and the form library it carries) is fetched the first time it opens,
 * not with the page. Once opened it stays mounted, so closing and reopening behave exactly as an eagerly loaded dialog
 * (the native <dialog> closes itself and gives focus back). `isOpen` reads from the props whether it is wanted; omit it
 * for dialogs the page mounts only while they are open.
 */
export function lazyDialog<P extends object>(load: () => Promise<ComponentType<P>>, isOpen: (props: P) => boolean = () => true): ComponentType<P> {
  const Loaded = dynamic(load, { ssr: false });
  function LazyDialog(props: P) {
    const [wanted, setWanted] = useState(false);
    if (!wanted && isOpen(props)) setWanted(true);
    return wanted ? <Loaded {...props} /> : null;
  }
  return LazyDialog;
}
