import type { ImageSource } from '../lib/export'

/** The parts of a chart.js chart that an export uses. */
interface ExportableChart {
  options: { plugins?: object }
  update(mode: 'none'): void
  toBase64Image(type?: string, quality?: unknown): string
}

/**
 * Wraps a chart so its exported PNG carries a title. The title is drawn only
 * for the export, because on screen the panel heading names the chart.
 */
export function titledImage(
  chart: ExportableChart,
  title: string,
  colour: string
): ImageSource {
  return {
    toBase64Image(type = 'image/png', quality = 1) {
      // chart.js wraps its options in proxies, so the title is set in place
      // rather than by copying the plugin options.
      const plugins = chart.options.plugins as Record<string, unknown> | undefined
      if (!plugins) return chart.toBase64Image(type, quality)
      const previous = plugins.title
      plugins.title = {
        display: true,
        text: title,
        color: colour,
        font: { size: 14, weight: 'bold' },
        padding: { top: 4, bottom: 12 }
      }
      chart.update('none')
      try {
        return chart.toBase64Image(type, quality)
      } finally {
        if (previous === undefined) delete plugins.title
        else plugins.title = previous
        chart.update('none')
      }
    }
  }
}
