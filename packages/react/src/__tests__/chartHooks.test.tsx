import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MetricsChartView } from '../components/MetricsChartView';
import type { ChartRun } from '../data/types';
import { useChartControls } from '../hooks/useChartControls';
import { useChartZoom } from '../hooks/useChartZoom';

const runs: ChartRun[] = [
  {
    id: 'a',
    metrics: {
      loss: { steps: [10, 20, 30], values: [2.5, 2.1, 1.8] },
      grad_norm: { steps: [10, 20, 30], values: [1, 0.9, 0.8] },
    },
  },
];

describe('useChartControls', () => {
  it('keeps uncontrolled settings itself and reports each change', () => {
    const onMetricChange = vi.fn();
    const { result } = renderHook(() => useChartControls({ onMetricChange }, runs));
    expect(result.current.metric).toBe('loss');
    act(() => result.current.setMetric('grad_norm'));
    expect(result.current.metric).toBe('grad_norm');
    expect(onMetricChange).toHaveBeenCalledWith('grad_norm');
  });

  it('follows a controlled setting and only reports changes to it', () => {
    const onSmoothingChange = vi.fn();
    const { result } = renderHook(() =>
      useChartControls({ smoothing: 0.5, onSmoothingChange }, runs),
    );
    act(() => result.current.setSmoothing(0.9));
    expect(result.current.smoothing).toBe(0.5);
    expect(onSmoothingChange).toHaveBeenCalledWith(0.9);
  });

  it('falls back to a metric and x axis the runs have, without forgetting the choice', () => {
    const { result, rerender } = renderHook(
      ({ data }) => useChartControls({ defaultMetric: 'eval_loss', defaultXAxis: 'epoch' }, data),
      { initialProps: { data: runs } },
    );
    expect(result.current.metric).toBe('loss');
    expect(result.current.xAxis).toBe('step');
    const later: ChartRun[] = [
      {
        id: 'a',
        metrics: {
          ...runs[0]!.metrics,
          eval_loss: { steps: [30], values: [2] },
          epoch: { steps: [10], values: [0] },
        },
      },
    ];
    rerender({ data: later });
    expect(result.current.metric).toBe('eval_loss');
    expect(result.current.xAxis).toBe('epoch');
  });

  it('toggles a run in and out of the hidden list', () => {
    const { result } = renderHook(() => useChartControls({}, runs));
    act(() => result.current.toggleRun('a'));
    expect(result.current.hiddenRunIds).toEqual(['a']);
    act(() => result.current.toggleRun('a'));
    expect(result.current.hiddenRunIds).toEqual([]);
  });
});

describe('useChartZoom', () => {
  it('zooms to the dragged range in either direction, once the zoom module is there, and resets', async () => {
    const { result } = renderHook(() => useChartZoom('loss'));
    act(() => result.current.handlers.onMouseDown({ activeLabel: 300 }));
    act(() => result.current.handlers.onMouseMove({ activeLabel: 100 }));
    expect(result.current.drag).toEqual({ from: 300, to: 100 });
    act(() => result.current.handlers.onMouseUp());
    // The first zoom waits for the zoomed view's module, loaded since the mouse went down.
    await waitFor(() => expect(result.current.zoom).toEqual({ from: 100, to: 300 }));
    expect(result.current.drag).toBeNull();
    act(() => result.current.reset());
    expect(result.current.zoom).toBeNull();
  });

  it('ignores a click without a drag and labels that are not numbers', () => {
    const { result } = renderHook(() => useChartZoom('loss'));
    act(() => result.current.handlers.onMouseDown({ activeLabel: 'n/a' }));
    act(() => result.current.handlers.onMouseDown({ activeLabel: 200 }));
    act(() => result.current.handlers.onMouseUp());
    expect(result.current.zoom).toBeNull();
  });

  it('drops the zoom when the metric or x axis changes', async () => {
    const { result, rerender } = renderHook(({ key }) => useChartZoom(key), {
      initialProps: { key: 'loss|step' },
    });
    act(() => result.current.handlers.onMouseDown({ activeLabel: 10 }));
    act(() => result.current.handlers.onMouseMove({ activeLabel: 20 }));
    act(() => result.current.handlers.onMouseUp());
    await waitFor(() => expect(result.current.zoom).not.toBeNull());
    rerender({ key: 'loss|time' });
    expect(result.current.zoom).toBeNull();
  });
});

describe('chart export', () => {
  const created: Blob[] = [];
  afterEach(() => {
    created.length = 0;
    vi.restoreAllMocks();
  });

  function captureDownloads() {
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  }

  it('exports the recorded points as CSV', async () => {
    captureDownloads();
    render(<MetricsChartView runs={runs} width={800} />);
    await userEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await vi.waitFor(() => expect(created).toHaveLength(1));
    expect(await created[0]!.text()).toBe(
      'metric,run,step,value\nloss,a,10,2.5\nloss,a,20,2.1\nloss,a,30,1.8\n',
    );
  });

  it('exports the drawn chart surface as SVG', async () => {
    captureDownloads();
    render(<MetricsChartView runs={runs} width={800} />);
    await userEvent.click(screen.getByRole('button', { name: 'SVG' }));
    await vi.waitFor(() => expect(created).toHaveLength(1));
    const text = await created[0]!.text();
    expect(text).toMatch(/^<svg/);
    // The run's line, through its three recorded points (M + 2 L), is in the file.
    const line = text.match(/<path class="tvz-line tvz-line-raw" d="([^"]*)"/);
    expect(line?.[1]?.match(/[ML]/g)).toEqual(['M', 'L', 'L']);
  });
});

describe('keyboard hover', () => {
  it('walks the hover line from recorded point to recorded point with the arrow keys', async () => {
    const { container } = render(<MetricsChartView runs={runs} width={800} />);
    const surface = container.querySelector('svg.recharts-surface') as SVGSVGElement;
    const tip = () => container.querySelector('.tvz-tip-x')?.textContent ?? null;
    expect(tip()).toBeNull();
    surface.focus();
    await userEvent.keyboard('{ArrowRight}');
    await vi.waitFor(() => expect(tip()).toContain('10'));
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(tip()).toContain('30');
    // Past the last point it stays there.
    await userEvent.keyboard('{ArrowRight}');
    expect(tip()).toContain('30');
    await userEvent.keyboard('{ArrowLeft}');
    expect(tip()).toContain('20');
    await userEvent.keyboard('{Escape}');
    expect(tip()).toBeNull();
  });
});
