'use client';

import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type Columns, timeLabel, withGaps } from '@/lib/stats-gaps';

export interface ChartSeries {
  label: string;
  /** a CSS colour */
  color: string;
  /** dashed, for reference lines such as a memory limit */
  dash?: boolean;
}

interface Props {
  /** x in unix seconds, then one column per series */
  data: Columns;
  /** the sampling rhythm: samples further apart than 2.5 intervals are drawn with a gap between them */
  intervalMs: number;
  series: ChartSeries[];
  /** axis and legend values */
  format: (v: number) => string;
  height?: number;
  /** draw the y axis from zero (rates, percentages) */
  fromZero?: boolean;
  label: string;
  testId?: string;
}

/** uPlot is fetched by the first chart that mounts, so pages without charts never load it. */
let uplotModule: Promise<typeof uPlot> | null = null;
const loadUPlot = () => (uplotModule ??= import('uplot').then((m) => m.default));

/**
 * A thin React wrapper around uPlot, a canvas chart made for streaming time series: the plot is built once and fed
 * with setData() on every update, so a 1 Hz chart with an hour of points costs one canvas redraw, not a re-render of
 * thousands of SVG nodes.
 */
export function TimeChart({ data, series, format, intervalMs, height = 160, fromZero = true, label, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const drawn = useMemo(() => withGaps(data, intervalMs), [data, intervalMs]);
  // the latest data and formatter, for the plot's callbacks, which are set up when the plot is built
  const latest = useRef(drawn);
  const fmt = useRef(format);
  useLayoutEffect(() => {
    latest.current = drawn;
    fmt.current = format;
  });
  const shape = series.map((s) => `${s.label}:${s.color}:${s.dash ? 1 : 0}`).join('|');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let gone = false;
    const made: { u?: uPlot; ro?: ResizeObserver } = {};
    void loadUPlot().then((UPlot) => {
      if (gone) return;
      const axisColor = getComputedStyle(el).color;
      const opts: uPlot.Options = {
        width: Math.max(el.clientWidth, 100),
        height,
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_u, min, max) => [fromZero ? Math.min(0, min) : min, max > 0 ? max * 1.1 : 1] } },
        axes: [
          {
            stroke: axisColor,
            // room for "HH:MM:SS", so labels never crowd
            space: 72,
            // The labels are drawn on the canvas, out of reach of tests; the last set is kept on the element too.
            values: (_u, splits, _i, _space, incr) => {
              const labels = splits.map((v) => timeLabel(v, incr));
              el.dataset.xLabels = labels.join(' ');
              return labels;
            },
            grid: { stroke: 'rgba(128,128,128,0.15)' },
            ticks: { stroke: 'rgba(128,128,128,0.3)' },
          },
          {
            stroke: axisColor,
            size: 64,
            grid: { stroke: 'rgba(128,128,128,0.15)' },
            ticks: { stroke: 'rgba(128,128,128,0.3)' },
            values: (_u, vals) => vals.map((v) => fmt.current(v)),
          },
        ],
        series: [
          { value: (_u: uPlot, v: number | null) => (v == null ? '—' : timeLabel(v, 1)) },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 1.5,
            dash: s.dash ? [4, 4] : undefined,
            fill: s.dash ? undefined : `${s.color}22`,
            spanGaps: false,
            value: (_u: uPlot, v: number | null) => (v == null ? '—' : fmt.current(v)),
          })),
        ],
      };
      const u = new UPlot(opts, latest.current as uPlot.AlignedData, el);
      plot.current = made.u = u;
      made.ro = new ResizeObserver(() => u.setSize({ width: Math.max(el.clientWidth, 100), height }));
      made.ro.observe(el);
    });
    return () => {
      gone = true;
      made.ro?.disconnect();
      made.u?.destroy();
      plot.current = null;
    };
    // Rebuilt only when the series themselves change (shape stands for series); data flows through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [shape, height, fromZero]);

  useEffect(() => {
    plot.current?.setData(drawn as uPlot.AlignedData);
  }, [drawn]);

  // the plot's height is kept while uPlot loads, so nothing below moves when it draws
  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-points={data[0].length}
      style={{ minHeight: height }}
      className="w-full text-zinc-500 dark:text-zinc-400"
    />
  );
}
