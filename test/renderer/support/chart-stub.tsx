// Stands in for react-chartjs-2 in DOM tests: happy-dom has no canvas, so each
// chart renders its data as attributes a test can read, and hands its ref an
// object whose toBase64Image returns a fixed PNG data URL.
import { useEffect } from 'react'
import type { Ref } from 'react'

export const STUB_PNG_BASE64 = 'iVBORw0KGgo='

/** Titles the stand-in charts had when an image was taken, oldest first. */
export const exportedTitles: string[] = []

interface StubProps {
  data: { labels?: unknown[]; datasets: Array<{ label?: string; data: unknown[] }> }
  ref?: Ref<unknown>
  'aria-label'?: string
}

function StubChart(props: StubProps & { kind: string }) {
  const { ref } = props
  useEffect(() => {
    const chart = {
      options: { plugins: {} as { title?: { display?: boolean; text?: string } } },
      update: () => undefined,
      toBase64Image() {
        const title = chart.options.plugins.title
        exportedTitles.push(title?.display ? (title.text ?? '') : '')
        return `data:image/png;base64,${STUB_PNG_BASE64}`
      }
    }
    if (typeof ref === 'function') ref(chart)
    else if (ref) (ref as { current: unknown }).current = chart
  }, [ref])
  return (
    <canvas
      data-testid={`chart-${props.kind}`}
      aria-label={props['aria-label']}
      data-labels={JSON.stringify(props.data.labels ?? [])}
      data-datasets={JSON.stringify(
        props.data.datasets.map((dataset) => ({
          label: dataset.label,
          data: dataset.data
        }))
      )}
    />
  )
}

export function Bar(props: StubProps) {
  return <StubChart {...props} kind="bar" />
}

export function Line(props: StubProps) {
  return <StubChart {...props} kind="line" />
}
