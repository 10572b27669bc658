import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MetricsChartView } from '../components/MetricsChartView';
import {
  epochModule,
  nonFiniteModule,
  runGroupsModule,
  timeAxisModule,
  zoomViewModule,
} from '../data/lazyFeatures';
import type { ChartRun } from '../data/types';

const steps = [0, 600, 1200, 1800, 2400, 3000, 3600];
const times = steps.map((step) => step * 1.5);

function run(id: string, values: number[]): ChartRun {
  return { id, metrics: { loss: { steps, values, times } } };
}

// One file: the modules stay loaded once a test has loaded them, so the order matters.
describe('features loaded on first use', () => {
  it('draws a default chart at once, without loading any of them', () => {
    const { container } = render(
      <MetricsChartView runs={[run('a', [3, 2.5, 2.2, 2, 1.9, 1.8, 1.7])]} width={800} />,
    );
    expect(container.querySelectorAll('path.tvz-line')).toHaveLength(1);
    expect(
      [runGroupsModule, epochModule, timeAxisModule, zoomViewModule, nonFiniteModule].map(
        (module) => module.current,
      ),
    ).toEqual([null, null, null, null, null]);
  });

  it('keeps the plot room empty until the time axis module is there, then labels durations', async () => {
    const { container, findByText } = render(
      <MetricsChartView
        runs={[run('a', [3, 2.5, 2.2, 2, 1.9, 1.8, 1.7])]}
        width={800}
        height={300}
        xAxis="time"
      />,
    );
    expect(container.querySelector('path.tvz-line')).toBeNull();
    expect(await findByText('1h')).toBeInTheDocument();
    expect(container.querySelectorAll('path.tvz-line')).toHaveLength(1);
    expect(timeAxisModule.current).not.toBeNull();
  });

  it('draws run groups as a mean and a band once their module is there', async () => {
    const runs = [
      run('s1', [3, 2.5, 2.2, 2, 1.9, 1.8, 1.7]),
      run('s2', [3.2, 2.7, 2.3, 2.1, 2, 1.9, 1.8]),
    ];
    const { container, findAllByText } = render(
      <MetricsChartView runs={runs} width={800} runGroups={{ s1: 'lr 2e-5', s2: 'lr 2e-5' }} />,
    );
    expect(container.querySelector('.tvz-group-mean')).toBeNull();
    await findAllByText('lr 2e-5');
    await expect
      .poll(() => container.querySelectorAll('.tvz-group-mean').length, { timeout: 10_000 })
      .toBe(1);
    expect(container.querySelectorAll('.tvz-group-band')).toHaveLength(1);
    expect(container.querySelectorAll('path.tvz-line')).toHaveLength(0);
  });
});
