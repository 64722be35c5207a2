import { useCallback, useMemo } from 'react'
import type { RefObject } from 'react'
import type { ChartData, ChartOptions, Chart as ChartInstance } from 'chart.js'
import { Bar } from 'react-chartjs-2'

import type { ImageSource } from '../lib/export'
import { titledImage } from './image'
import { colourFor, useChartColours } from './palette'
import './setup'

/** One stacked dataset: a name (provider, agent) and a value per label. */
export interface Series {
  label: string
  values: number[]
}

interface StackedBarsProps {
  /** Describes the chart for screen readers. */
  description: string
  /** Title drawn on the exported PNG. */
  exportTitle: string
  labels: string[]
  series: Series[]
  formatValue(value: number): string
  formatAxis(value: number): string
  /** Bars along the vertical axis, for a few long names. */
  horizontal?: boolean
  imageRef: RefObject<ImageSource | null>
}

/** Stacked bar chart whose datasets keep their names, so updates animate in place. */
export function StackedBars(props: StackedBarsProps) {
  const { labels, series, formatValue, formatAxis, horizontal, imageRef } = props
  const colours = useChartColours()

  const data = useMemo<ChartData<'bar'>>(
    () => ({
      labels,
      datasets: series.map((entry) => ({
        label: entry.label,
        data: entry.values,
        backgroundColor: colourFor(entry.label),
        borderWidth: 0,
        maxBarThickness: 48
      }))
    }),
    [labels, series]
  )

  const options = useMemo<ChartOptions<'bar'>>(() => {
    const valueAxis = {
      stacked: true,
      beginAtZero: true,
      grid: { color: colours.grid },
      ticks: {
        color: colours.text,
        callback: (value: string | number) => formatAxis(Number(value))
      }
    }
    const labelAxis = {
      stacked: true,
      grid: { display: false },
      ticks: { color: colours.text, autoSkip: true, maxRotation: 0 }
    }
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: { duration: 250 },
      indexAxis: horizontal ? 'y' : 'x',
      scales: horizontal
        ? { x: valueAxis, y: labelAxis }
        : { x: labelAxis, y: valueAxis },
      plugins: {
        legend: { position: 'bottom', labels: { color: colours.text, boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${item.dataset.label ?? ''}: ${formatValue(Number(item.raw))}`
          }
        },
        canvasBackground: { color: colours.background }
      }
    }
  }, [colours, formatAxis, formatValue, horizontal])

  const { exportTitle } = props
  const setChart = useCallback(
    (chart: ChartInstance<'bar'> | null | undefined) => {
      imageRef.current = chart ? titledImage(chart, exportTitle, colours.text) : null
    },
    [imageRef, exportTitle, colours]
  )

  return (
    <div className="chart-frame">
      <Bar
        ref={setChart}
        data={data}
        options={options}
        role="img"
        aria-label={props.description}
      />
    </div>
  )
}
