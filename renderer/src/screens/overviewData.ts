import type { DayRange, OverviewResult } from '../../../shared/api'
import type { DayRollup } from '../../../shared/rollups'
import type { Totals } from '../../../shared/totals'
import type { Series } from '../charts/StackedBars'
import { chartDays } from '../lib/days'
import type { CsvTable } from '../lib/export'

/** Returns the single "tokens" figure of a screen: input plus output. */
export function tokensOf(totals: Pick<Totals, 'inputTokens' | 'outputTokens'>): number {
  return totals.inputTokens + totals.outputTokens
}

type SplitKey = 'byProvider' | 'byAgent'

/**
 * Returns one series per provider (or agent) with its tokens on each day of the
 * range. Days without usage count zero, so the axis has no gaps.
 */
export function dailySeries(
  range: DayRange,
  days: readonly DayRollup[],
  split: SplitKey
): { days: string[]; series: Series[] } {
  const axis = chartDays(
    range,
    days.map((day) => day.day)
  )
  const index = new Map(axis.map((day, position) => [day, position]))
  const names = [...new Set(days.flatMap((day) => Object.keys(day[split])))].sort()
  const series = names.map((label) => ({ label, values: axis.map(() => 0) }))
  for (const day of days) {
    const position = index.get(day.day)
    if (position === undefined) continue
    for (const entry of series) {
      const totals = day[split][entry.label]
      if (totals) entry.values[position] = tokensOf(totals)
    }
  }
  return { days: axis, series }
}

const TOTALS_COLUMNS = [
  'turns',
  'inputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'outputTokens',
  'wallMs',
  'toolCalls',
  'toolErrors',
  'partialTurns'
]

/** Returns the cells of `TOTALS_COLUMNS` for one set of totals. */
export function totalsCells(totals: Totals): number[] {
  return [
    totals.turns,
    totals.inputTokens,
    totals.cacheReadTokens,
    totals.cacheWriteTokens,
    totals.outputTokens,
    totals.wallMs,
    totals.toolCalls,
    totals.toolErrors,
    totals.partialTurns
  ]
}

/** Lists one row per day and provider (or agent), in the order of the days. */
export function dailyTable(days: readonly DayRollup[], split: SplitKey): CsvTable {
  const name = split === 'byProvider' ? 'provider' : 'agent'
  const rows = days.flatMap((day) =>
    Object.entries(day[split])
      .sort(([a], [b]) => compareNames(a, b))
      .map(([key, totals]) => [day.day, key, ...totalsCells(totals)])
  )
  return { columns: ['day', name, ...TOTALS_COLUMNS], rows }
}

/** Compares by UTF-16 code units, so CSV rows never depend on the locale. */
function compareNames(a: string, b: string): number {
  if (a === b) return 0
  return a < b ? -1 : 1
}

/** Lists named totals (providers, agents) as a table. */
export function namedTable(
  column: string,
  rows: ReadonlyArray<Totals & { name: string }>
): CsvTable {
  return {
    columns: [column, ...TOTALS_COLUMNS],
    rows: rows.map((row) => [row.name, ...totalsCells(row)])
  }
}

export function hasUsage(result: OverviewResult | null): boolean {
  return result !== null && result.total.turns > 0
}

/** Series of cached input, the rest of the input and output, one value per row. */
export function tokenKindSeries(rows: ReadonlyArray<Totals & { name: string }>): {
  labels: string[]
  series: Series[]
} {
  return {
    labels: rows.map((row) => row.name),
    series: [
      { label: 'Cached input', values: rows.map((row) => row.cacheReadTokens) },
      {
        label: 'Uncached input',
        values: rows.map((row) => row.inputTokens - row.cacheReadTokens)
      },
      { label: 'Output', values: rows.map((row) => row.outputTokens) }
    ]
  }
}
