import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { wrapLabel } from '../format/labels';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

/** Category labels wrap at this many characters (long society names on a phone). */
const LABEL_WIDTH = 18;

/** Colour-blind-safe palette (Okabe–Ito), one colour per series. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface Series {
  label: string;
  values: number[];
}

/**
 * A Chart.js bar chart (stacked when asked) in a figure with a caption. The canvas is an
 * image with a text description for screen readers; the numbers themselves are in the
 * table each view shows beside its chart. Counts only: money is never a chart number.
 */
export function BarChart({
  caption,
  description,
  labels,
  series,
  stacked = false,
  horizontal = false,
  valueLabel,
}: {
  caption: string;
  description: string;
  labels: string[];
  series: Series[];
  stacked?: boolean;
  horizontal?: boolean;
  valueLabel: string;
}) {
  const height = horizontal ? Math.max(180, 56 * labels.length + 90) : 280;
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <div className="chart-canvas" style={{ height }}>
        <Bar
          role="img"
          aria-label={`${caption}. ${description}`}
          data={{
            labels: labels.map((l) => wrapLabel(l, LABEL_WIDTH)),
            datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] })),
          }}
          options={{
            indexAxis: horizontal ? 'y' : 'x',
            maintainAspectRatio: false,
            responsive: true,
            animation: false,
            plugins: { legend: { position: 'bottom', display: series.length > 1 } },
            // The value axis counts whole seats; the category axis shows every label (no skipping).
            scales: {
              x: { stacked, ...(horizontal ? { title: { display: true, text: valueLabel }, ticks: { precision: 0 } } : { ticks: { autoSkip: false } }) },
              y: { stacked, beginAtZero: true, ...(horizontal ? { ticks: { autoSkip: false } } : { title: { display: true, text: valueLabel }, ticks: { precision: 0 } }) },
            },
          }}
        />
      </div>
    </figure>
  );
}
