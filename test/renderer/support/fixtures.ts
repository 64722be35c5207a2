import type { AppSettings, ProjectSummary } from '../../../shared/api'
import type { CostEstimate } from '../../../shared/pricing'
import type { DayRollup } from '../../../shared/rollups'
import { DEFAULT_WARNING_SETTINGS } from '../../../shared/warnings'
import { emptyTotals } from '../../../shared/totals'
import type { Totals } from '../../../shared/totals'

/** Settings with a time zone, the default thresholds and no pricing changes. */
export function settings(
  timeZone: string,
  values: Partial<Omit<AppSettings, 'timeZone'>> = {}
): AppSettings {
  return {
    timeZone,
    warnings: DEFAULT_WARNING_SETTINGS,
    pricing: { billing: {}, models: {} },
    ...values
  }
}

/** Returns an estimate with no rows, as for a range without usage. */
export function emptyEstimate(): CostEstimate {
  return {
    currency: 'USD',
    rows: [],
    providers: [],
    dollars: 0,
    unpricedTurns: 0,
    unpricedTokens: 0
  }
}

/** Totals with every field zero except those given. */
export function totals(values: Partial<Totals> = {}): Totals {
  return { ...emptyTotals(), ...values }
}

export function day(
  key: string,
  byProvider: Record<string, Partial<Totals>>,
  byAgent: Record<string, Partial<Totals>> = {}
): DayRollup {
  const providers = Object.fromEntries(
    Object.entries(byProvider).map(([name, values]) => [name, totals(values)])
  )
  const sum = (field: keyof Totals): number =>
    Object.values(byProvider).reduce((acc, values) => acc + Number(values[field] ?? 0), 0)
  return {
    day: key,
    ...totals({
      turns: sum('turns'),
      inputTokens: sum('inputTokens'),
      cacheReadTokens: sum('cacheReadTokens'),
      outputTokens: sum('outputTokens'),
      wallMs: sum('wallMs'),
      toolCalls: sum('toolCalls'),
      toolErrors: sum('toolErrors')
    }),
    byProvider: providers,
    byAgent: Object.fromEntries(
      Object.entries(byAgent).map(([name, values]) => [name, totals(values)])
    ),
    byRoutine: {}
  }
}

export function project(values: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    id: 'p1',
    kind: 'lowkey',
    name: 'demo-box',
    location: '/work/demo-box',
    origin: 'added',
    state: 'fresh',
    reasons: [],
    builtAt: '2026-12-01T12:00:00.000Z',
    timeZone: 'UTC',
    counts: { conversations: 27, turns: 45, badLines: 1 },
    problems: [],
    ...values
  }
}
