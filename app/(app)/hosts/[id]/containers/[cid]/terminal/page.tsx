import { TerminalView } from '@/components/terminal/terminal-view';

export default async function TerminalPage({ params }: { params: Promise<{ id: string; cid: string }> }) {
  const { id, cid } = await params;
  return <TerminalView hostId={decodeURIComponent(id)} containerId={decodeURIComponent(cid)} />;
}
