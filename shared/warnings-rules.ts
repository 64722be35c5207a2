// Rules on token volume: routine runs and days, providers' days and
// conversations' context. Each returns warnings in no particular order.

import { groupDigits } from './format'
import type { ConversationRollup, DayRollup, RoutineRollup } from './rollups'
import type { Totals } from './totals'
import type { Warning, WarningInput, WarningSettings } from './warnings'

export function routineWarnings(
  input: WarningInput,
  settings: WarningSettings
): Warning[] {
  const warnings: Warning[] = []
  for (const routine of input.routines) {
    // A jump of the latest run also lifts its day, so one warning reports both.
    const jump =
      routineRunJump(routine, settings.routineRuns) ??
      routineDayJump(routine.routine, input.days, settings.routineDays)
    if (jump) warnings.push(jump)
  }
  return warnings
}

function routineRunJump(
  routine: RoutineRollup,
  rule: WarningSettings['routineRuns']
): Warning | null {
  const latest = routine.runs.at(-1)
  const previous = routine.runs.slice(-1 - rule.window, -1)
  if (!rule.enabled || !latest || previous.length < rule.minRuns) return null

  const value = tokensOf(latest)
  const baseline = median(previous.map(tokensOf))
  // Runs exist only through ledger records, so a median of 0 tokens means the
  // source did not report usage: there is nothing to compare with.
  if (baseline === 0 || value < rule.ratio * baseline) return null

  const window = `median of the ${previous.length} runs before it`
  return {
    kind: 'routine-run-jump',
    subject: routine.routine,
    message:
      `Routine ${routine.routine}: the latest run, ${latest.run}, used ` +
      `${tokens(value)}, ${times(value, baseline)} the ${window} (${tokens(baseline)}).`,
    ...figures('tokens', value, baseline, window),
    run: latest.run,
    day: null,
    link: { screen: 'automations', routine: routine.routine }
  }
}

function routineDayJump(
  routine: string,
  days: readonly DayRollup[],
  rule: WarningSettings['routineDays']
): Warning | null {
  // Only days on which the routine ran count: a day it skipped is a gap, not a 0.
  const active = days.filter((day) => day.byRoutine[routine] !== undefined)
  const latest = active.at(-1)
  const previous = active.slice(-1 - rule.window, -1)
  if (!rule.enabled || !latest || previous.length < rule.minDays) return null

  const dayTokens = (day: DayRollup) => tokensOf(day.byRoutine[routine])
  const value = dayTokens(latest)
  const baseline = median(previous.map(dayTokens))
  if (baseline === 0 || value < rule.ratio * baseline) return null

  const window = `median of the ${previous.length} days before it on which it ran`
  return {
    kind: 'routine-day-jump',
    subject: routine,
    message:
      `Routine ${routine} used ${tokens(value)} on ${latest.day}, ` +
      `${times(value, baseline)} the ${window} (${tokens(baseline)}).`,
    ...figures('tokens', value, baseline, window),
    run: null,
    day: latest.day,
    link: { screen: 'automations', routine }
  }
}

export function providerWarnings(
  days: readonly DayRollup[],
  settings: WarningSettings
): Warning[] {
  const warnings: Warning[] = []
  const latest = days.at(-1)
  if (!latest) return warnings
  for (const provider of Object.keys(latest.byProvider)) {
    // A provider whose volume jumped mostly has a larger share too, so one
    // warning reports both.
    const jump =
      providerVolumeJump(provider, days, settings.providerVolume) ??
      providerShareJump(provider, days, settings.providerShare)
    if (jump) warnings.push(jump)
  }
  return warnings
}

/**
 * Returns the latest day and the days with usage before it, or null when the
 * window is short or the latest day is quiet. On a day quieter than the median
 * day, whatever ran takes a larger share because others paused. A provider's
 * jump on such a day does not lift the project's usage above a typical day.
 * A day still under way counts as quiet until it catches up.
 */
function judgedDays(
  days: readonly DayRollup[],
  rule: { window: number; minDays: number; quietDayRatio: number }
): { latest: DayRollup; previous: readonly DayRollup[] } | null {
  const latest = days.at(-1)
  const previous = days.slice(-1 - rule.window, -1)
  if (!latest || previous.length < rule.minDays) return null
  const typical = median(previous.map(tokensOf))
  return tokensOf(latest) < rule.quietDayRatio * typical ? null : { latest, previous }
}

function providerVolumeJump(
  provider: string,
  days: readonly DayRollup[],
  rule: WarningSettings['providerVolume']
): Warning | null {
  const judged = judgedDays(days, rule)
  if (!rule.enabled || !judged) return null
  const { latest, previous } = judged

  const value = tokensOf(latest.byProvider[provider])
  const share = value / tokensOf(latest)
  const highest = Math.max(...previous.map((day) => tokensOf(day.byProvider[provider])))
  // A provider new in the window (highest day 0) jumps by any amount.
  if (share < rule.minShare || value < rule.ratio * highest || value === 0) return null

  const window = `highest of the ${previous.length} days with usage before it`
  const against =
    highest === 0
      ? `after none on the ${previous.length} days with usage before it`
      : `${times(value, highest)} the ${window} (${tokens(highest)})`
  return {
    kind: 'provider-volume-jump',
    subject: provider,
    message: `Provider ${provider} carried ${tokens(value)} on ${latest.day}, ${against}.`,
    ...figures('tokens', value, highest, window),
    run: null,
    day: latest.day,
    link: { screen: 'providers', provider }
  }
}

function providerShareJump(
  provider: string,
  days: readonly DayRollup[],
  rule: WarningSettings['providerShare']
): Warning | null {
  const judged = judgedDays(days, rule)
  if (!rule.enabled || !judged) return null
  const { latest, previous } = judged

  const shareOn = (day: DayRollup): number =>
    tokensOf(day) === 0 ? 0 : tokensOf(day.byProvider[provider]) / tokensOf(day)
  const value = shareOn(latest)
  const highest = Math.max(...previous.map(shareOn))
  if (value - highest < rule.rise) return null

  const window = `highest share on the ${previous.length} days with usage before it`
  return {
    kind: 'provider-share-jump',
    subject: provider,
    message:
      `Provider ${provider} carried ${percent(value)} of the tokens on ${latest.day}, ` +
      `up from at most ${percent(highest)} on the ${previous.length} days with usage ` +
      'before it.',
    ...figures('fraction', value, highest, window),
    run: null,
    day: latest.day,
    link: { screen: 'providers', provider }
  }
}

/**
 * Judges the conversations that finished in the latest `recentDays` days of
 * data against the others that share an agent with them, since each agent's
 * system prompt, tools and model set the size of its prompts. A context of 0
 * means the source did not report it, so such conversations are left out.
 */
export function conversationWarnings(
  conversations: readonly ConversationRollup[],
  rule: WarningSettings['conversationContext']
): Warning[] {
  const known = conversations.filter((row) => row.maxContextTokens > 0)
  const finished = known.map((row) => Date.parse(row.lastFinishedAt ?? ''))
  const newest = Math.max(...finished.filter((time) => !Number.isNaN(time)))
  if (!rule.enabled || !Number.isFinite(newest)) return []
  const since = newest - rule.recentDays * 86_400_000

  const warnings: Warning[] = []
  known.forEach((row, index) => {
    if (!((finished[index] ?? Number.NaN) >= since)) return
    const peers = known.filter(
      (other) => other !== row && other.agents.some((agent) => row.agents.includes(agent))
    )
    if (peers.length < rule.minPeers) return
    const value = row.maxContextTokens
    const baseline = median(peers.map((peer) => peer.maxContextTokens))
    if (value < rule.ratio * baseline) return

    const window =
      `median of the ${peers.length} other conversations ` +
      `with agent ${row.agents.join(' or ')}`
    warnings.push({
      kind: 'conversation-context',
      subject: row.conversation,
      message:
        `Conversation ${row.conversation} reached a context of ${tokens(value)}, ` +
        `${times(value, baseline)} the ${window} (${tokens(baseline)}).`,
      ...figures('tokens', value, baseline, window),
      run: null,
      day: null,
      link: { screen: 'conversations', conversation: row.conversation }
    })
  })
  return warnings
}

export function figures(
  unit: Warning['unit'],
  value: number,
  baseline: number,
  window: string
): Pick<Warning, 'unit' | 'value' | 'baseline' | 'ratio' | 'window'> {
  const ratio = baseline === 0 ? null : Math.round((value / baseline) * 100) / 100
  return { unit, value, baseline, ratio, window }
}

/** Returns tokens as the app shows one figure: input (cached included) plus output. */
export function tokensOf(totals: Totals | undefined): number {
  return totals ? totals.inputTokens + totals.outputTokens : 0
}

/** Returns the median of at least one number: the mean of the middle two when even. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] ?? 0
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

function tokens(value: number): string {
  return `${groupDigits(value)} tokens`
}

function times(value: number, baseline: number): string {
  return `${(Math.round((value / baseline) * 100) / 100).toFixed(2)} times`
}

export function percent(fraction: number): string {
  const points = fraction * 100
  return `${points < 10 && points > 0 ? points.toFixed(1) : Math.round(points)}%`
}
