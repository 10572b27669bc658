'use client';

/**
 * One entry of {@link ChartLegend}.
 *
 * @example
 * ```ts
 * const item: ChartLegendItem = { id: 'a', label: 'run a', color: '#0072B2', hidden: false };
 * ```
 */
export interface ChartLegendItem {
  id: string;
  label: string;
  color: string;
  hidden: boolean;
}

/**
 * Props of {@link ChartLegend}.
 *
 * @example
 * ```tsx
 * <ChartLegend items={items} onToggle={(id) => toggle(id)} />
 * ```
 */
export interface ChartLegendProps {
  items: readonly ChartLegendItem[];
  /** Called with the id of the run whose button was pressed. */
  onToggle: (id: string) => void;
}

/**
 * The runs' legend: one toggle button per run (`aria-pressed` true while the run is drawn).
 *
 * @param props - {@link ChartLegendProps}
 * @returns a list of buttons
 *
 * @example
 * ```tsx
 * <ChartLegend items={[{ id: 'a', label: 'a', color: '#0072B2', hidden: false }]} onToggle={toggle} />
 * ```
 */
export function ChartLegend({ items, onToggle }: ChartLegendProps) {
  return (
    <ul aria-label="Runs" className="tvz-bar" style={{ listStyle: 'none', margin: 0 }}>
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            aria-pressed={!item.hidden}
            title={item.hidden ? `Show ${item.label}` : `Hide ${item.label}`}
            onClick={() => onToggle(item.id)}
          >
            <span
              aria-hidden="true"
              style={{
                display: 'inline-block',
                width: 12,
                height: 3,
                marginRight: 6,
                verticalAlign: 'middle',
                background: item.color,
              }}
            />
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
