import { useEffect, useMemo, useRef } from 'react'

import { saveCsv, savePng } from '../lib/export'
import type { CsvTable, ImageSource } from '../lib/export'
import { useStores } from '../state/context'
import { runExport } from '../state/stores'

export interface Exporter {
  /** Saves a chart as PNG, or shows a notice when there is no chart yet. */
  png(fileName: string, source: ImageSource | null): Promise<void>
  /** Saves the table that `build` returns as CSV, or shows a notice when it returns null. */
  csv(
    fileName: string,
    build: () => CsvTable | null | Promise<CsvTable | null>
  ): Promise<void>
}

/** Returns export actions that report their outcome, or their failure, as a notice. */
export function useExporter(): Exporter {
  const stores = useStores()
  return useMemo(() => {
    const notices = stores.notices.getState()
    return {
      png: (fileName, source) =>
        runExport(stores, 'Exporting the chart', async () => {
          if (!source) return notices.info('There is no chart to export yet')
          notices.info((await savePng(stores.api, fileName, source)).message)
        }),
      csv: (fileName, build) =>
        runExport(stores, 'Exporting the data', async () => {
          const table = await build()
          if (!table) return notices.info('There is no data to export yet')
          notices.info((await saveCsv(stores.api, fileName, table)).message)
        })
    }
  }, [stores])
}

/** The screen's main chart and data exports, which the menu's export items run. */
export interface MenuExports {
  exportChart?: () => Promise<void>
  exportData?: () => Promise<void>
}

/** Hands the screen's exports to the menu while the screen is shown. */
export function useMenuExports(exports: MenuExports): void {
  const { commands } = useStores()
  const latest = useRef(exports)
  useEffect(() => {
    latest.current = exports
  })
  const hasChart = exports.exportChart !== undefined
  const hasData = exports.exportData !== undefined
  useEffect(
    () =>
      commands.getState().register({
        exportChart: hasChart
          ? () => latest.current.exportChart?.() ?? Promise.resolve()
          : undefined,
        exportData: hasData
          ? () => latest.current.exportData?.() ?? Promise.resolve()
          : undefined
      }),
    [commands, hasChart, hasData]
  )
}
