// Rules on rates: tool errors per tool call and partial turns per turn, for
// each agent and provider, on the latest day against the days before it.

import type { DayRollup } from './rollups'
import type { Totals } from './totals'
import type { Warning, WarningSettings } from './warnings'
import { figures, percent, sum } from './warnings-rules'

/** Thresholds of a rate rule, named alike for tool errors and partial turns. */
interface RateRule {
  enabled: boolean
  ratio: number
  rise: number
  window: number
  minDays: number
  /** Minimum tool calls (or turns) on the latest day and over the days before. */
  minTotal: number
  /** Minimum tool errors (or partial turns) on the latest day. */
  minEvents: number
}

interface Rate {
  kind: 'tool-error-rise' | 'partial-rise'
  events: (totals: Totals) => number
  total: (totals: Totals) => number
  describe: (events: number, total: number) => string
}

const TOOL_ERRORS: Rate = {
  kind: 'tool-error-rise',
  events: (totals) => totals.toolErrors,
  total: (totals) => totals.toolCalls,
  describe: (events, total) => `${events} of ${total} tool calls failed`
}

const PARTIAL_TURNS: Rate = {
  kind: 'partial-rise',
  events: (totals) => totals.partialTurns,
  total: (totals) => totals.turns,
  describe: (events, total) => `${events} of ${total} turns had partial token counts`
}

/**
 * Compares each agent's and provider's rate on the latest day with its rate
 * over the days before, pooled so that a day with few calls weighs little. A
 * provider warning with the same figures as an agent's describes the same
 * turns and is dropped.
 */
function rateWarnings(days: readonly DayRollup[], rate: Rate, rule: RateRule): Warning[] {
  const latest = days.at(-1)
  const previous = days.slice(-1 - rule.window, -1)
  if (!rule.enabled || !latest) return []

  const warnings: Warning[] = []
  for (const group of ['byAgent', 'byProvider'] as const) {
    for (const [subject, totals] of Object.entries(latest[group])) {
      // Days without this subject are left out, so a new one has no history.
      const history = previous.flatMap((day) => day[group][subject] ?? [])
      const events = rate.events(totals)
      const total = rate.total(totals)
      const pastEvents = sum(history.map(rate.events))
      const pastTotal = sum(history.map(rate.total))
      if (history.length < rule.minDays || pastTotal < rule.minTotal) continue
      if (total < rule.minTotal || events < rule.minEvents) continue

      const value = events / total
      const baseline = pastEvents / pastTotal
      if (value - baseline < rule.rise) continue
      if (baseline > 0 && value < rule.ratio * baseline) continue

      const isAgent = group === 'byAgent'
      const window = `rate over the ${history.length} days with usage before it`
      warnings.push({
        kind: rate.kind,
        subject,
        message:
          `${isAgent ? 'Agent' : 'Provider'} ${subject}: ` +
          `${rate.describe(events, total)} (${percent(value)}) on ${latest.day}, ` +
          `against ${percent(baseline)} (${rate.describe(pastEvents, pastTotal)}) ` +
          `over the ${history.length} days with usage before it.`,
        ...figures('fraction', value, baseline, window),
        run: null,
        day: latest.day,
        link: isAgent
          ? { screen: 'agents', agent: subject }
          : { screen: 'providers', provider: subject }
      })
    }
  }
  const repeatsAgent = (warning: Warning): boolean =>
    warning.link.screen === 'providers' &&
    warnings.some(
      (other) =>
        other.link.screen === 'agents' &&
        other.value === warning.value &&
        other.baseline === warning.baseline
    )
  return warnings.filter((warning) => !repeatsAgent(warning))
}

export function toolErrorWarnings(
  days: readonly DayRollup[],
  settings: WarningSettings['toolErrors']
): Warning[] {
  return rateWarnings(days, TOOL_ERRORS, {
    ...settings,
    minTotal: settings.minCalls,
    minEvents: settings.minErrors
  })
}

export function partialTurnWarnings(
  days: readonly DayRollup[],
  settings: WarningSettings['partialTurns']
): Warning[] {
  return rateWarnings(days, PARTIAL_TURNS, {
    ...settings,
    minTotal: settings.minTurns,
    minEvents: settings.minPartialTurns
  })
}
