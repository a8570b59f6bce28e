import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, type TooltipItem, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { wrapLabel } from '../format/labels';
import { LABEL_WIDTH, PALETTE } from './chart-style';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

export interface Series {
  label: string;
  values: number[];
  /** What the tooltip shows for each value (the exact decimal of a money amount); default: the value. */
  texts?: string[];
  /** A colour with a meaning (failed, passed); default: the palette's next. */
  color?: string;
}

/**
 * A Chart.js bar chart (grouped, or stacked when asked) in a figure with a caption. The
 * canvas is an image with a text description for screen readers; the numbers themselves
 * are in the table each view shows beside its chart. Money is drawn as bar lengths only:
 * its tooltips and tables show the exact decimal strings.
 */
export function BarChart({
  caption,
  description,
  labels,
  series,
  stacked = false,
  horizontal = false,
  valueLabel,
  wholeNumbers = true,
}: {
  caption: string;
  description: string;
  labels: string[];
  series: Series[];
  stacked?: boolean;
  horizontal?: boolean;
  valueLabel: string;
  /** The value axis counts whole things (seats); false for money. */
  wholeNumbers?: boolean;
}) {
  // Horizontal bars: room for each label's group of bars (one bar per series unless stacked).
  const barsPerLabel = stacked ? 1 : Math.max(1, series.length);
  const height = horizontal ? Math.max(180, (40 + 16 * barsPerLabel) * labels.length + 90) : 280;
  const valueTicks = wholeNumbers ? { precision: 0 } : {};
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <div className="chart-canvas" style={{ height }}>
        <Bar
          role="img"
          aria-label={`${caption}. ${description}`}
          data={{
            labels: labels.map((l) => wrapLabel(l, LABEL_WIDTH)),
            datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: s.color ?? PALETTE[i % PALETTE.length] })),
          }}
          options={{
            indexAxis: horizontal ? 'y' : 'x',
            maintainAspectRatio: false,
            responsive: true,
            animation: false,
            plugins: {
              legend: { position: 'bottom', display: series.length > 1 },
              tooltip: { callbacks: { label: (item: TooltipItem<'bar'>) => `${item.dataset.label ?? ''}: ${series[item.datasetIndex]?.texts?.[item.dataIndex] ?? item.formattedValue}` } },
            },
            // The category axis shows every label (no skipping).
            scales: {
              x: { stacked, ...(horizontal ? { title: { display: true, text: valueLabel }, ticks: valueTicks } : { ticks: { autoSkip: false } }) },
              y: { stacked, beginAtZero: true, ...(horizontal ? { ticks: { autoSkip: false } } : { title: { display: true, text: valueLabel }, ticks: valueTicks }) },
            },
          }}
        />
      </div>
    </figure>
  );
}
