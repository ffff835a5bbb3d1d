'use client';

import { useQuery } from '@tanstack/react-query';
import { accessApi } from '@/components/access/api';
import { qk } from '@/lib/query-keys';
import { HistorySection } from './history-section';
import { RulesSection } from './rules-section';
import { WindowsSection } from './windows-section';

/** Settings › Alerts: rules (admins), maintenance windows (admins change them), and the history everyone may read. */
export function AlertsSettings() {
  const me = useQuery({ queryKey: qk.me, queryFn: accessApi.me, staleTime: 60_000 });
  const isAdmin = me.data?.account.isAdmin === true;
  return (
    <>
      {isAdmin ? <RulesSection /> : null}
      {me.data ? <WindowsSection isAdmin={isAdmin} /> : null}
      <HistorySection />
    </>
  );
}
