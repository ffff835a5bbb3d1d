import { describe, expect, it } from 'vitest';
import type { LogLine } from '@/lib/types';
import type { LogSink } from '../docker/logs';
import { LogFeed, type LogFeedDeps } from './feed';

function fakeUpstream(fail?: string) {
  const st = { opens: 0, open: 0, idle: 0, sink: null as LogSink | null };
  const deps: LogFeedDeps = {
    opened: () => st.opens++,
    idle: () => st.idle++,
    open: async (sink) => {
      if (fail) throw new Error(fail);
      st.open++;
      st.sink = sink;
      return { close: () => st.open-- };
    },
  };
  return { st, deps };
}

function viewer() {
  const got: LogLine[] = [];
  const ends: string[] = [];
  return { got, ends, sink: { lines: (b: LogLine[]) => void got.push(...b), end: (r: string) => void ends.push(r) } };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('LogFeed: one upstream for every follower of a container', () => {
  it('opens one upstream for the first follower, shares it, and closes it when the last leaves', async () => {
    const { st, deps } = fakeUpstream();
    const feed = new LogFeed(deps);
    const a = viewer();
    const b = viewer();
    const leaveA = feed.subscribe(a.sink);
    const leaveB = feed.subscribe(b.sink);
    await tick();
    expect(st).toMatchObject({ opens: 1, open: 1 });
    st.sink!.lines([{ stream: 'stdout', line: 'hello' }]);
    expect(a.got).toHaveLength(1);
    expect(b.got).toHaveLength(1);
    leaveA();
    leaveA();
    expect(st.open).toBe(1);
    leaveB();
    expect(st).toMatchObject({ open: 0, idle: 1 });
  });

  it('closes an upstream that opens after everyone left', async () => {
    const { st, deps } = fakeUpstream();
    const feed = new LogFeed(deps);
    feed.subscribe(viewer().sink)();
    await tick();
    expect(st).toMatchObject({ opens: 1, open: 0 });
  });

  it('tells every follower why the stream ended, and is forgotten', async () => {
    const { st, deps } = fakeUpstream();
    const feed = new LogFeed(deps);
    const a = viewer();
    const b = viewer();
    feed.subscribe(a.sink);
    feed.subscribe(b.sink);
    await tick();
    st.sink!.end('container removed');
    expect([a.ends, b.ends]).toEqual([['container removed'], ['container removed']]);
    expect(st.idle).toBe(1);
  });

  it('a failed open ends every follower with the error', async () => {
    const { deps } = fakeUpstream('No container "x" on this host');
    const feed = new LogFeed(deps);
    const a = viewer();
    feed.subscribe(a.sink);
    await tick();
    expect(a.ends).toEqual(['No container "x" on this host']);
  });
});
