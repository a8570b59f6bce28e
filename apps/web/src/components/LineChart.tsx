import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, type TooltipItem, Tooltip } from 'chart.js';
import { Line } from 'react-chartjs-2';
import { DASHES, PALETTE, POINT_STYLES } from './chart-style';

ChartJS.register(CategoryScale, LinearScale, LineElement, PointElement, Tooltip, Legend);

export interface LineSeries {
  label: string;
  /** null: no value for that point (the line breaks there). */
  values: (number | null)[];
  texts?: string[];
}

/**
 * A Chart.js line chart over ordered categories (financial years), in a figure with a
 * caption and a text description; each series has its own colour, point shape and dash
 * pattern. The numbers are in the table beside it.
 */
export function LineChart({
  caption,
  description,
  labels,
  series,
  valueLabel,
  wholeNumbers = false,
}: {
  caption: string;
  description: string;
  labels: string[];
  series: LineSeries[];
  valueLabel: string;
  wholeNumbers?: boolean;
}) {
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <div className="chart-canvas" style={{ height: 280 }}>
        <Line
          role="img"
          aria-label={`${caption}. ${description}`}
          data={{
            labels,
            datasets: series.map((s, i) => ({
              label: s.label,
              data: s.values,
              borderColor: PALETTE[i % PALETTE.length],
              backgroundColor: PALETTE[i % PALETTE.length],
              pointStyle: POINT_STYLES[i % POINT_STYLES.length],
              // Chart.js draws the first series on top: later ones get larger points, so
              // equal values on two lines both show.
              pointRadius: 4 + 1.5 * i,
              borderDash: DASHES[i % DASHES.length],
              spanGaps: false,
            })),
          }}
          options={{
            maintainAspectRatio: false,
            responsive: true,
            animation: false,
            plugins: {
              legend: { position: 'bottom', labels: { usePointStyle: true } },
              tooltip: { callbacks: { label: (item: TooltipItem<'line'>) => `${item.dataset.label ?? ''}: ${series[item.datasetIndex]?.texts?.[item.dataIndex] ?? item.formattedValue}` } },
            },
            scales: {
              x: { ticks: { autoSkip: false } },
              y: { title: { display: true, text: valueLabel }, ticks: wholeNumbers ? { precision: 0 } : {} },
            },
          }}
        />
      </div>
    </figure>
  );
}
