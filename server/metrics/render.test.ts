import { describe, expect, it } from 'vitest';
import { renderMetrics } from './render';

describe('renderMetrics', () => {
  it('writes HELP, TYPE and samples in the text format', () => {
    expect(
      renderMetrics([
        { name: 'berth_sse_clients', help: 'Open browser live streams.', type: 'gauge', samples: [{ value: 3 }] },
        {
          name: 'berth_stack_operations_total',
          help: 'Stack operations ended since start.',
          type: 'counter',
          samples: [
            { labels: { kind: 'deploy', outcome: 'succeeded' }, value: 2 },
            { labels: { kind: 'deploy', outcome: 'failed' }, value: 1 },
          ],
        },
      ]),
    ).toBe(
      [
        '# HELP berth_sse_clients Open browser live streams.',
        '# TYPE berth_sse_clients gauge',
        'berth_sse_clients 3',
        '# HELP berth_stack_operations_total Stack operations ended since start.',
        '# TYPE berth_stack_operations_total counter',
        'berth_stack_operations_total{kind="deploy",outcome="succeeded"} 2',
        'berth_stack_operations_total{kind="deploy",outcome="failed"} 1',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values and help text, and writes special numbers', () => {
    const text = renderMetrics([
      { name: 'x', help: 'a \\ b\nc', type: 'gauge', samples: [{ labels: { host: 'we"ird\\name\n' }, value: NaN }, { value: Infinity }, { value: 0.25 }] },
    ]);
    expect(text).toContain('# HELP x a \\\\ b\\nc');
    expect(text).toContain('x{host="we\\"ird\\\\name\\n"} NaN');
    expect(text).toContain('x +Inf');
    expect(text).toContain('x 0.25');
  });

  it('keeps a family with no samples (its HELP and TYPE only)', () => {
    expect(renderMetrics([{ name: 'y', help: 'h', type: 'counter', samples: [] }])).toBe('# HELP y h\n# TYPE y counter\n');
  });
});
