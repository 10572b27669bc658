import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TrainvizError } from '@trainviz/client';
import { describe, expect, it } from 'vitest';
import { MetricsChartView } from '../components/MetricsChartView';
import { RunComparison } from '../components/RunComparison';
import { TrainingMetricsChart } from '../components/TrainingMetricsChart';
import { xAxisTitle } from '../data/axisTicks';
import { createSeriesModelCache } from '../data/createSeriesModelCache';
import { drawRuns } from '../data/drawRuns';
import { groupRows } from '../data/groupRows';
import { epochModule } from '../data/lazyFeatures';
import { panelMetrics } from '../data/metricPresets';
import { runsXRange } from '../data/runsXRange';
import type { ChartRun } from '../data/types';
import { xAccessor } from '../data/xAccessor';
import { shouldPoll } from '../runMetricsQueryOptions';
import { fakeClient, makeRun, providers } from './helpers/fixtures';

const run = (
  id: string,
  metrics: ChartRun['metrics'],
  extra: Partial<ChartRun> = {},
): ChartRun => ({
  id,
  metrics,
  ...extra,
});

describe('shouldPoll', () => {
  it('polls while pending or running and stops at any other status', () => {
    expect(shouldPoll({ status: 'pending' }, null)).toBe(true);
    expect(shouldPoll({ status: 'running' }, null)).toBe(true);
    for (const status of ['completed', 'failed', 'interrupted', 'archived']) {
      expect(shouldPoll({ status } as never, null)).toBe(false);
    }
  });
  it('stops after a 404 or a refused request with no data, keeps going after a server error', () => {
    const http = (status: number) => new TrainvizError({ kind: 'http', status, message: 'x' });
    expect(shouldPoll(undefined, http(404))).toBe(false);
    expect(shouldPoll(undefined, http(400))).toBe(false);
    expect(shouldPoll(undefined, http(503))).toBe(true);
    expect(shouldPoll(undefined, new TrainvizError({ kind: 'network', message: 'x' }))).toBe(true);
    expect(shouldPoll({ status: 'running' }, http(404))).toBe(false);
    expect(shouldPoll({ status: 'running' }, http(503))).toBe(true);
  });
});

describe('panels, x range, axis title', () => {
  it('keeps the preset order and leaves out metrics no run recorded', () => {
    expect(panelMetrics('sft', ['grad_norm', 'loss', 'epoch'])).toEqual(['loss', 'grad_norm']);
    expect(panelMetrics('dpo', ['rewards/margins', 'loss'])).toEqual(['loss', 'rewards/margins']);
    expect(panelMetrics(['b', 'a', 'b', 'zz'], ['a', 'b'])).toEqual(['b', 'a']);
  });

  it('gives a sparse eval loss the whole run as its x range, from 0', () => {
    const runs = [
      run('a', {
        loss: { steps: [10, 20, 4000], values: [3, 2, 1] },
        eval_loss: { steps: [400, 800], values: [2, 1.5] },
      }),
    ];
    expect(runsXRange(runs)).toEqual([0, 4000]);
    expect(runsXRange([run('a', {})])).toBeNull();
  });

  it('labels counted steps "log record #", as the parser documents', () => {
    expect(xAxisTitle('step', [{ stepSource: 'count' }])).toBe('log record #');
    expect(xAxisTitle('step', [{ stepSource: 'count' }, { stepSource: 'explicit' }])).toBe('step');
    expect(xAxisTitle('epoch', [{ stepSource: 'count' }])).toBe('epoch');
  });

  it('places points at their fractional epoch on the epoch axis', async () => {
    // The view loads the interpolator's module before it draws an epoch axis.
    await epochModule.load();
    const steps = [10, 20, 30, 40, 50, 60];
    // 1000 steps per epoch, logged rounded to 2 decimals: 0.01, 0.02, 0.03, 0.04, 0.05, 0.06.
    const series = { steps, values: [5, 4, 3, 2, 1, 0] };
    const epoch = { steps, values: steps.map((s) => Math.round(s / 10) / 100) };
    const xOf = xAccessor(run('a', { loss: series, epoch }), series, 'epoch');
    expect(xOf?.(2)).toBeCloseTo(0.03, 6);
    const coarse = { steps, values: [0.01, 0.01, 0.02, 0.02, 0.03, 0.03] };
    const xs = steps.map((_, i) =>
      xAccessor(run('a', { loss: series, epoch: coarse }), series, 'epoch')?.(i),
    );
    // Two points per logged value, yet six distinct x: no comb.
    expect(new Set(xs).size).toBe(6);
  });
});

describe('groupRows', () => {
  it('draws each group as its members mean, hidden with its legend entry', () => {
    const runs = [
      run('s1', { loss: { steps: [0, 10], values: [2, 1] } }),
      run('s2', { loss: { steps: [0, 10], values: [4, 3] } }),
      run('solo', { loss: { steps: [0, 10], values: [9, 9] } }),
    ];
    const drawn = drawRuns(
      runs,
      { metric: 'loss', xAxis: 'step', smoothing: 0, hiddenRunIds: [] },
      createSeriesModelCache(),
    );
    const groups = groupRows(drawn, { s1: 'cfg', s2: 'cfg' }, 'minmax');
    expect(groups).toHaveLength(1);
    expect(groups[0]?.rows).toEqual([
      { x: 0, mean: 3, band: [2, 4], count: 2 },
      { x: 10, mean: 2, band: [1, 3], count: 2 },
    ]);
    expect(groups[0]?.members.map((m) => m.run.id)).toEqual(['s1', 's2']);
    expect(
      groupRows(drawn, { s1: 'cfg', s2: 'cfg' }, 'minmax', { hiddenIds: ['group:cfg'] }),
    ).toEqual([]);
  });
});

describe('MetricsChartView messages and menus', () => {
  const runs = [
    run('a', {
      loss: { steps: [10, 20], values: [2, 1] },
      eval_runtime: { steps: [10], values: [40] },
      epoch: { steps: [10, 20], values: [0.1, 0.2] },
    }),
  ];

  it('puts timing and epoch under "More" in the metric menu', () => {
    render(<MetricsChartView runs={runs} />);
    const select = screen.getByLabelText('Metric');
    const more = within(select).getByRole('group', { name: 'More' });
    expect(
      within(more)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['epoch', 'eval_runtime']);
  });

  it('says the run is hidden, not that there are no values, and has no empty note', async () => {
    const { container } = render(<MetricsChartView runs={runs} />);
    expect(container.querySelector('.tvz-notes')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'a' }));
    expect(screen.getByText('a is hidden: show it in the legend')).toHaveAttribute(
      'role',
      'status',
    );
  });

  it('shows a disabled Reset zoom until something is zoomed', () => {
    render(<MetricsChartView runs={runs} />);
    expect(screen.getByRole('button', { name: 'Reset zoom' })).toBeDisabled();
  });
});

/** The same run on its own page and in a comparison, under one provider. */
function AloneAndCompared() {
  return (
    <>
      <div data-testid="alone">
        <TrainingMetricsChart experimentId="exp-1" runIds={['run-c']} isLive={false} />
      </div>
      <div data-testid="compared">
        <RunComparison experimentId="exp-1" runIds={['run-a', 'run-b', 'run-c']} isLive={false} />
      </div>
    </>
  );
}

describe('stable run colours', () => {
  it('gives a run the same colour alone and in a comparison under one provider', async () => {
    const client = fakeClient((call) => makeRun({ runId: call.runId }));
    const wrapper = providers(client);
    render(<AloneAndCompared />, { wrapper });
    const swatch = async (testId: string) => {
      const area = screen.getByTestId(testId);
      const button = await within(area).findByRole('button', { name: 'run-c' });
      return (button.querySelector('span') as HTMLElement).style.background;
    };
    const alone = await swatch('alone');
    expect(alone).not.toBe('');
    expect(await swatch('compared')).toBe(alone);
  });

  it('takes the host colour map first', async () => {
    const client = fakeClient((call) => makeRun({ runId: call.runId }));
    render(
      <TrainingMetricsChart
        experimentId="exp-1"
        runIds={['run-a']}
        runColorMap={{ 'run-a': 'rgb(1, 2, 3)' }}
      />,
      { wrapper: providers(client) },
    );
    const button = await screen.findByRole('button', { name: 'run-a' });
    expect((button.querySelector('span') as HTMLElement).style.background).toBe('rgb(1, 2, 3)');
  });
});
