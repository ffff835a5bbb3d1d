import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';

/** Every signed-in page: the navigation shell around the page. */
export default function AppLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
