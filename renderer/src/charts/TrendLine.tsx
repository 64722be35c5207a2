import { useCallback, useMemo } from 'react'
import type { RefObject } from 'react'
import type { ChartData, ChartOptions, Chart as ChartInstance } from 'chart.js'
import { Line } from 'react-chartjs-2'

import type { ImageSource } from '../lib/export'
import { titledImage } from './image'
import { useChartColours } from './palette'
import './setup'

interface TrendLineProps {
  description: string
  /** Title drawn on the exported PNG. */
  exportTitle?: string
  /** Name of the one dataset, kept stable so updates animate in place. */
  seriesLabel: string
  labels: string[]
  /** Tooltip titles, one per point, when the axis labels are too short to tell points apart. */
  titles?: string[]
  values: number[]
  formatValue(value: number): string
  formatAxis(value: number): string
  /** Draws a small line without axes or legend, for a card. */
  compact?: boolean
  /** Index of the point to highlight. */
  selected?: number | null
  onSelect?(index: number): void
  imageRef?: RefObject<ImageSource | null>
}

function pointRadius(selected: boolean, compact: boolean | undefined): number {
  if (selected) return 6
  return compact ? 0 : 3
}

/** Line of one value per step, such as tokens per run of a routine. */
export function TrendLine(props: TrendLineProps) {
  const { labels, titles, values, seriesLabel, compact, selected, onSelect, imageRef } =
    props
  const { formatAxis, formatValue } = props
  const colours = useChartColours()

  const data = useMemo<ChartData<'line'>>(
    () => ({
      labels,
      datasets: [
        {
          label: seriesLabel,
          data: values,
          borderColor: colours.accent,
          backgroundColor: colours.accent,
          pointRadius: values.map((_, index) => pointRadius(index === selected, compact)),
          pointHoverRadius: 6,
          borderWidth: 2,
          // Monotone curves never dip below or above the points they join.
          cubicInterpolationMode: 'monotone'
        }
      ]
    }),
    [labels, values, seriesLabel, colours, selected, compact]
  )

  const options = useMemo<ChartOptions<'line'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: { duration: 250 },
      scales: {
        x: {
          display: !compact,
          grid: { display: false },
          ticks: { color: colours.text }
        },
        y: {
          display: !compact,
          beginAtZero: true,
          grace: '8%',
          grid: { color: colours.grid },
          ticks: { color: colours.text, callback: (value) => formatAxis(Number(value)) }
        }
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          enabled: !compact,
          callbacks: {
            title: (items) => {
              const index = items[0]?.dataIndex ?? 0
              return titles?.[index] ?? labels[index] ?? ''
            },
            label: (item) => `${seriesLabel}: ${formatValue(Number(item.raw))}`
          }
        },
        canvasBackground: { color: colours.background }
      },
      onClick: (_event, elements) => {
        const index = elements[0]?.index
        if (index !== undefined) onSelect?.(index)
      }
    }),
    [colours, compact, formatAxis, formatValue, onSelect, seriesLabel, titles, labels]
  )

  const exportTitle = props.exportTitle ?? props.description
  const setChart = useCallback(
    (chart: ChartInstance<'line'> | null | undefined) => {
      if (!imageRef) return
      imageRef.current = chart ? titledImage(chart, exportTitle, colours.text) : null
    },
    [imageRef, exportTitle, colours]
  )

  return (
    <div className={compact ? 'chart-frame chart-frame-compact' : 'chart-frame'}>
      <Line
        ref={setChart}
        data={data}
        options={options}
        role="img"
        aria-label={props.description}
      />
    </div>
  )
}
