import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MetricsChartView } from '../components/MetricsChartView';
import type { ChartRun } from '../data/types';

function tickTexts(container: HTMLElement, anchor: 'middle' | 'end'): string[] {
  // Recharts centres the x axis' tick labels and right-aligns the y axis'.
  return [
    ...container.querySelectorAll(`.recharts-cartesian-axis-tick-value[text-anchor="${anchor}"]`),
  ].map((tick) => tick.textContent ?? '');
}

const steps = Array.from({ length: 483 }, (_, i) => 10 * (i + 1));

describe('MetricsChartView axes and NaN markers', () => {
  it('puts the step axis of a 10..4830 run on round thousands starting at 0', () => {
    const run: ChartRun = {
      id: 'a',
      metrics: { loss: { steps, values: steps.map((step) => 2.5 - step / 4000) } },
    };
    const { container } = render(<MetricsChartView runs={[run]} width={800} height={320} />);
    expect(tickTexts(container, 'middle')).toEqual(['0', '1k', '2k', '3k', '4k']);
    const yTicks = tickTexts(container, 'end');
    expect(yTicks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(yTicks).size).toBe(yTicks.length);
    for (const tick of yTicks) expect(Number(tick) * 10).toBe(Math.round(Number(tick) * 10));
  });

  it('labels a narrow loss range with distinct ticks', () => {
    const run: ChartRun = {
      id: 'a',
      metrics: {
        loss: { steps: [1, 2, 3, 4], values: [1.0239, 1.0131, 1.0221, 1.0106] },
      },
    };
    const { container } = render(<MetricsChartView runs={[run]} width={800} height={320} />);
    const yTicks = tickTexts(container, 'end');
    expect(yTicks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(yTicks).size).toBe(yTicks.length);
  });

  it('marks a NaN stretch from its first to its last step, however long', async () => {
    const values = steps.map((step) => (step >= 2650 ? Number.NaN : 2 - step / 5000));
    const run: ChartRun = { id: 'a', metrics: { loss: { steps, values } } };
    const { container, getByText, findByText } = render(
      <MetricsChartView runs={[run]} width={800} height={320} />,
    );
    expect(getByText('loss became NaN at step 2650 (218 more non-finite points)')).toBeVisible();
    // The markers' module loads when a plot meets a NaN, and the plot is drawn again.
    expect(await findByText('NaN ×219')).toBeInTheDocument();
    expect(container.querySelectorAll('.tvz-nonfinite')).toHaveLength(2);
    // The markers span the whole stretch: the first sits before the 3k tick, the last after 4k.
    const dots = [...container.querySelectorAll('.tvz-nonfinite circle, circle.tvz-nonfinite')].map(
      (dot) => Number(dot.getAttribute('cx')),
    );
    const tickX = (label: string) => {
      const text = [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')].find(
        (tick) => tick.textContent === label,
      );
      return Number(text?.getAttribute('x'));
    };
    expect(dots).toHaveLength(2);
    expect(Math.min(...dots)).toBeLessThan(tickX('3k'));
    expect(Math.max(...dots)).toBeGreaterThan(tickX('4k'));
  });
});

describe('the lines and Recharts’ axes share one plot box', () => {
  it.each([
    [800, 320, false],
    [360, 240, true],
    [1200, 500, false],
  ])(
    'at %i x %i px (title %s), the lines’ clip is the box the grid and axes frame',
    (width, height, titled) => {
      const run: ChartRun = {
        id: 'a',
        metrics: { loss: { steps, values: steps.map((step) => 2.5 - step / 4000) } },
      };
      const { container } = render(
        <MetricsChartView
          runs={[run]}
          width={width}
          height={height}
          {...(titled ? { metrics: ['loss', 'grad_norm'] as const } : {})}
        />,
      );
      const clip = container.querySelector('.tvz-lines clipPath rect') as SVGRectElement;
      const box = ['x', 'y', 'width', 'height'].map((name) => Number(clip.getAttribute(name)));
      // Recharts draws the grid's lines across the plot area it laid out: horizontal ones from its
      // left to its right edge, vertical ones from its top to its bottom edge.
      const horizontal = container.querySelector(
        '.recharts-cartesian-grid-horizontal line',
      ) as SVGLineElement;
      const vertical = container.querySelector(
        '.recharts-cartesian-grid-vertical line',
      ) as SVGLineElement;
      const attr = (line: SVGLineElement, name: string) => Number(line.getAttribute(name));
      expect(box).toEqual([
        attr(horizontal, 'x1'),
        attr(vertical, 'y1'),
        attr(horizontal, 'x2') - attr(horizontal, 'x1'),
        attr(vertical, 'y2') - attr(vertical, 'y1'),
      ]);
    },
  );
});
