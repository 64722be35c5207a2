// Registers the chart.js parts the screens use, once, when this module loads.
// Importing every chart through this module keeps the bundle to these parts.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip
} from 'chart.js'
import type { ChartType, Plugin } from 'chart.js'

declare module 'chart.js' {
  // Merged declarations must repeat the type parameter, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    /** Fills the canvas before drawing, so an exported PNG is not transparent. */
    canvasBackground?: { color?: string }
  }
}

const canvasBackground: Plugin = {
  id: 'canvasBackground',
  beforeDraw(chart, _args, options: { color?: string }) {
    if (!options.color) return
    const { ctx, width, height } = chart
    ctx.save()
    ctx.globalCompositeOperation = 'destination-over'
    ctx.fillStyle = options.color
    ctx.fillRect(0, 0, width, height)
    ctx.restore()
  }
}

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  Filler,
  CategoryScale,
  LinearScale,
  Title,
  Tooltip,
  Legend,
  canvasBackground
)

export { Chart }
