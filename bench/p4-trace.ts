import type { CDPSession } from 'playwright-core';

/**
 * CDP tracing for the P4 logs benchmarks: the renderer main thread's tasks (wall and CPU time), what those tasks
 * spent their time on, and (optionally) a sampling CPU profile of the page's JavaScript.
 */

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskSummary {
  tasks: number;
  over50: number;
  maxWallMs: number;
  maxCpuMs: number;
  cpuOfLongestWallMs: number;
}

/** Starts a timeline trace; the returned function ends it and hands back its events. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: unknown }) => void events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline', 'devtools.timeline', '__metadata'] },
  });
  return async () => {
    const complete = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/** The page's renderer main thread: the busiest thread named CrRendererMain, as its 'RunTask' events. */
export function mainThread(events: TraceEvent[]): { key: string; tasks: TraceEvent[] } {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mains.has(k)) continue;
    let l = byThread.get(k);
    if (!l) byThread.set(k, (l = []));
    l.push(e);
  }
  const busy = (l: TraceEvent[]) => l.reduce((a, e) => a + (e.dur ?? 0), 0);
  const [key, tasks] = [...byThread.entries()].sort((a, b) => busy(b[1]) - busy(a[1]))[0] ?? ['', []];
  return { key, tasks };
}

/**
 * The main thread's tasks. `dur` is wall time; `tdur` is the CPU time of the thread, which on a machine shared
 * with other work tells the page's own cost from the time the thread waited for a core.
 */
export function mainThreadTasks(events: TraceEvent[]): TaskSummary {
  const { tasks } = mainThread(events);
  const longest = tasks.reduce<TraceEvent | undefined>((a, e) => (!a || (e.dur ?? 0) > (a.dur ?? 0) ? e : a), undefined);
  return {
    tasks: tasks.length,
    over50: tasks.filter((e) => (e.dur ?? 0) > 50_000).length,
    maxWallMs: (longest?.dur ?? 0) / 1000,
    maxCpuMs: Math.max(0, ...tasks.map((e) => e.tdur ?? 0)) / 1000,
    cpuOfLongestWallMs: (longest?.tdur ?? 0) / 1000,
  };
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);

/** CPU per task (ms): how the page's own work per task is spread, for tasks that did more than 1 ms of it. */
export function cpuPerTask(events: TraceEvent[]): { busyTasks: number; medianMs: number; p95Ms: number; maxMs: number; totalCpuS: number } {
  const { tasks } = mainThread(events);
  const cpu = tasks.map((e) => (e.tdur ?? 0) / 1000).sort((a, b) => a - b);
  const busy = cpu.filter((c) => c > 1);
  return {
    busyTasks: busy.length,
    medianMs: quantile(busy, 0.5),
    p95Ms: quantile(busy, 0.95),
    maxMs: cpu.at(-1) ?? 0,
    totalCpuS: cpu.reduce((a, b) => a + b, 0) / 1000,
  };
}

/** The main thread's tasks with the most CPU time, most first. */
export function busiestTasks(events: TraceEvent[], n: number): TraceEvent[] {
  return [...mainThread(events).tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, n);
}

/**
 * Where the main thread's time went (or one task's time, with `within`), by the timeline events directly inside its tasks (FunctionCall, Layout,
 * UpdateLayoutTree, Paint, …): self CPU ms per name, children subtracted, largest first.
 */
export function breakdown(events: TraceEvent[], within?: TraceEvent): [string, number][] {
  const { key } = mainThread(events);
  const inside = (e: TraceEvent) => !within || (e.ts! >= within.ts! && e.ts! + (e.dur ?? 0) <= within.ts! + (within.dur ?? 0));
  const own = events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === key && e.ts !== undefined && inside(e))
    .sort((a, b) => a.ts! - b.ts! || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: TraceEvent[] = [];
  for (const e of own) {
    while (stack.length && stack.at(-1)!.ts! + (stack.at(-1)!.dur ?? 0) <= e.ts!) stack.pop();
    const parent = stack.at(-1);
    const cpu = e.tdur ?? 0;
    self.set(e.name, (self.get(e.name) ?? 0) + cpu);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - cpu);
    stack.push(e);
  }
  return [...self.entries()]
    .map(([n, us]): [string, number] => [n, us / 1000])
    .filter(([, ms]) => ms > 1)
    .sort((a, b) => b[1] - a[1]);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number };
}

/**
 * A sampling CPU profile of the page's JavaScript; the returned function stops it and gives the functions with the
 * most self time, each with a few characters of its (minified) source so a bundled library can be recognised.
 */
export async function startProfile(cdp: CDPSession): Promise<(top?: number) => Promise<{ fn: string; selfMs: number; at: string; src: string }[]>> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async (top = 15) => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    const selfUs = new Map<number, number>();
    profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
    const byFn = new Map<string, { fn: string; selfMs: number; at: string; frame: ProfileNode['callFrame'] }>();
    for (const n of profile.nodes) {
      const f = n.callFrame;
      const at = `${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
      const k = `${f.functionName}@${at}`;
      const o = byFn.get(k) ?? { fn: f.functionName || '(anonymous)', selfMs: 0, at, frame: f };
      o.selfMs += (selfUs.get(n.id) ?? 0) / 1000;
      byFn.set(k, o);
    }
    const best = [...byFn.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
    await cdp.send('Debugger.enable').catch(() => undefined);
    const out = [];
    for (const b of best) {
      let src = '';
      if (b.frame.scriptId && b.frame.scriptId !== '0') {
        const s = (await cdp.send('Debugger.getScriptSource', { scriptId: b.frame.scriptId }).catch(() => null)) as { scriptSource: string } | null;
        const line = s?.scriptSource.split('\n')[b.frame.lineNumber] ?? '';
        src = line.slice(b.frame.columnNumber, b.frame.columnNumber + 90);
      }
      out.push({ fn: b.fn, selfMs: Math.round(b.selfMs), at: b.at, src });
    }
    await cdp.send('Debugger.disable').catch(() => undefined);
    return out;
  };
}
