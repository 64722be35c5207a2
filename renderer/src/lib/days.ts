import type { DayRange } from '../../../shared/api'
import { dayKeyOf } from '../../../shared/time'

/** Range lengths the operator picks from; `all` has no bounds. */
export type RangePreset = 7 | 30 | 90 | 'all'

export const RANGE_PRESETS: readonly RangePreset[] = [7, 30, 90, 'all']

/** A preset ending today, or fixed days (offered when a preset range has no data). */
export type RangeChoice = { preset: RangePreset } | { from: string; to: string }

const DAY_MS = 86_400_000

/** Returns the day `count` days after `day` (before it when negative). */
export function addDays(day: string, count: number): string {
  const time = Date.parse(`${day}T00:00:00Z`) + count * DAY_MS
  return new Date(time).toISOString().slice(0, 10)
}

/** Returns the number of days from `from` to `to`, both included. */
export function dayCount(from: string, to: string): number {
  return (
    Math.round(
      (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS
    ) + 1
  )
}

/** Lists every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = []
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day)
  return days
}

/** Returns today's day key in the time zone that days are counted in. */
export function todayIn(now: Date, timeZone: string): string {
  return dayKeyOf(now, timeZone)
}

/** Turns a range choice into the days a request covers. */
export function rangeOf(choice: RangeChoice, today: string): DayRange {
  if (!('preset' in choice)) return { from: choice.from, to: choice.to }
  if (choice.preset === 'all') return { from: null, to: null }
  return { from: addDays(today, -(choice.preset - 1)), to: today }
}

/**
 * Returns the range of the same length as `range` that ends on the last day with
 * usage, cut at the first such day, or null when there is no usage at all.
 */
export function latestRangeWithData(
  range: DayRange,
  firstDay: string | null,
  lastDay: string | null
): { from: string; to: string } | null {
  if (firstDay === null || lastDay === null) return null
  const length = range.from && range.to ? dayCount(range.from, range.to) : null
  if (length === null) return { from: firstDay, to: lastDay }
  const from = addDays(lastDay, -(length - 1))
  return { from: from < firstDay ? firstDay : from, to: lastDay }
}

/** Days a chart shows: the whole range, or the days with usage when unbounded. */
export function chartDays(range: DayRange, daysWithUsage: readonly string[]): string[] {
  const from = range.from ?? daysWithUsage[0]
  const to = range.to ?? daysWithUsage.at(-1)
  if (!from || !to) return []
  return daysBetween(from, to)
}
